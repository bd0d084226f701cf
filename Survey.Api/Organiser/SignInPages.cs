using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Audit;
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
        pages.MapGet("/sign-in", ShowSignIn).WithName(nameof(ShowSignIn))
            .WithSummary("组织者登录页").WithDescription("公开：组织者登录表单（HTML）。");
        // Both POSTs check the anti-forgery token themselves (a clear 400, not a binding exception) before reading the form.
        pages.MapPost("/sign-in", SignIn).WithName(nameof(SignIn))
            .WithSummary("组织者登录").WithDescription("公开：用户名和密码登录，成功后设置组织者 Cookie 并跳转；失败次数过多时按来源地址限流。");
        pages.MapPost("/sign-out", SignOut).WithName(nameof(SignOut))
            .WithSummary("退出登录").WithDescription("清除组织者 Cookie 并回到登录页。");
        return pages;
    }

    public static ContentHttpResult ShowSignIn(HttpContext context, string? returnUrl) =>
        SignInForm(context, SafeReturnUrl(returnUrl), error: null, StatusCodes.Status200OK);

    public const string FormExpired = "表单已过期，请刷新页面后重试。";

    public static async Task<Results<RedirectHttpResult, ContentHttpResult, BadRequest<string>>> SignIn(
        HttpContext context, OrganiserCredentials credentials, IAntiforgery antiforgery, SignInRateLimit limit, AuditLog audit)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest(FormExpired);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var target = SafeReturnUrl(form["returnUrl"]);
        var attempt = await limit.AttemptAsync(context, () => credentials.Verify(form["name"], form["password"]));
        if (attempt.LockedOut)
        {
            limit.SetRetryAfter(context.Response);
            return TypedResults.Text(SignInRateLimit.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
        }
        if (attempt.Result is not { } signedIn)
        {
            // The name tried, never the password, and no address (privacy rule).
            await audit.AppendAsync(AuditLog.AnonymousActor, AuditActions.SignInFailed, null,
                new { name = AuditLog.Limit(form["name"].ToString(), 100), via = "form" }, context.RequestAborted);
            return SignInForm(context, target, WrongCredentials, StatusCodes.Status401Unauthorized);
        }
        await audit.AppendAsync(signedIn == OrganiserCredentials.TokenSignInName ? AuditLog.TokenActor : signedIn, AuditActions.SignInSucceeded, null, null,
            context.RequestAborted);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, signedIn), new Claim(ClaimTypes.Role, OrganiserPolicy.Role)], OrganiserPolicy.CookieScheme);
        await context.SignInAsync(OrganiserPolicy.CookieScheme, new ClaimsPrincipal(identity));
        return TypedResults.LocalRedirect(target);
    }

    public static async Task<Results<RedirectHttpResult, BadRequest<string>>> SignOut(HttpContext context, IAntiforgery antiforgery, AuditLog audit)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest(FormExpired);
        if (context.User.Identity is { IsAuthenticated: true })
            await audit.AppendAsync(context.User, AuditActions.SignOut, null, null, context.RequestAborted);
        await context.SignOutAsync(OrganiserPolicy.CookieScheme);
        return TypedResults.LocalRedirect(OrganiserPolicy.SignInPath);
    }

    /// <summary>
    /// Only organiser pages are returned to, so the form cannot be used to bounce a browser elsewhere; visible ASCII
    /// only, since a control or non-ASCII character cannot go into a Location header (it was a 500).
    /// </summary>
    private static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/admin", StringComparison.Ordinal) && !url.Contains("//") && !url.Contains('\\')
        && url.All(c => c is > ' ' and < '\x7f')
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
