using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Survey.Api.Auth;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Organiser;

/// <summary>Browser sign-in for organisers: a form (token, or account name and password) that sets the organiser cookie.</summary>
public static class SignInPages
{
    public const string WrongCredentials = "账号或密码（令牌）不正确。";

    public static RouteGroupBuilder MapSignInPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/admin").WithTags("Organiser sign-in").AllowAnonymous();
        pages.MapGet("/sign-in", ShowSignIn).WithName(nameof(ShowSignIn));
        // Form binding makes ASP.NET Core validate the anti-forgery token before the handler runs (400 when missing).
        pages.MapPost("/sign-in", SignIn).WithName(nameof(SignIn)).RequireRateLimiting(SignInRateLimit.Policy);
        pages.MapPost("/sign-out", SignOut).WithName(nameof(SignOut));
        return pages;
    }

    public static ContentHttpResult ShowSignIn(HttpContext context, string? returnUrl) =>
        SignInForm(context, SafeReturnUrl(returnUrl), error: null, StatusCodes.Status200OK);

    public static async Task<Results<RedirectHttpResult, ContentHttpResult>> SignIn(
        HttpContext context, OrganiserCredentials credentials,
        [FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var target = SafeReturnUrl(returnUrl);
        if (credentials.Verify(name, password) is not { } signedIn)
            return SignInForm(context, target, WrongCredentials, StatusCodes.Status401Unauthorized);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, signedIn), new Claim(ClaimTypes.Role, OrganiserPolicy.Role)], OrganiserPolicy.CookieScheme);
        await context.SignInAsync(OrganiserPolicy.CookieScheme, new ClaimsPrincipal(identity));
        return TypedResults.LocalRedirect(target);
    }

    public static async Task<Results<RedirectHttpResult, BadRequest<string>>> SignOut(HttpContext context, IAntiforgery antiforgery)
    {
        // No form fields are bound here, so the anti-forgery token is checked explicitly.
        if (!await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest("表单已过期，请刷新页面后重试。");
        await context.SignOutAsync(OrganiserPolicy.CookieScheme);
        return TypedResults.LocalRedirect(OrganiserPolicy.SignInPath);
    }

    /// <summary>Only organiser pages are returned to, so the form cannot be used to bounce a browser elsewhere.</summary>
    private static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/admin", StringComparison.Ordinal) && !url.Contains("//") && !url.Contains('\\')
            ? url : "/admin";

    private static ContentHttpResult SignInForm(HttpContext context, string returnUrl, string? error, int statusCode)
    {
        var message = error is null ? Markup.Empty : Html($"""<p class="error" role="alert">{error}</p>""");
        return Page(context, "登录", Html($"""
            <section class="sign-in">
            <h1>组织者登录</h1>
            {message}
            <form method="post" action="{OrganiserPolicy.SignInPath}">
            {AntiforgeryField(context)}
            <input type="hidden" name="returnUrl" value="{returnUrl}">
            <label for="name">账号</label>
            <input id="name" name="name" autocomplete="username">
            <p class="hint">使用组织者令牌登录时，账号留空。</p>
            <label for="password">密码或令牌</label>
            <input id="password" name="password" type="password" required autocomplete="current-password">
            <button type="submit">登录</button>
            </form>
            </section>
            """), statusCode);
    }
}
