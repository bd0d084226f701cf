using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Survey.Api.Organiser;

/// <summary>The organiser pages' shared layout (on <see cref="HtmlDocument"/>). Pages link /admin.css and /admin.js only: no inline script or style (CSP).</summary>
public static class AdminHtml
{
    private static readonly HtmlDocument.Links Links = new("/admin.css", "/admin.js", "/admin-icon.svg");

    /// <summary>A whole page, sent with the organiser security headers.</summary>
    public static ContentHttpResult Page(HttpContext context, string title, Markup body, int statusCode = StatusCodes.Status200OK)
    {
        AdminSecurityHeaders.Apply(context.Response);
        var user = context.User.Identity is { IsAuthenticated: true } identity ? identity.Name : null;
        var signOut = user is null ? Markup.Empty : Html($"""
            <form class="sign-out" method="post" action="{Auth.OrganiserPolicy.SignOutPath}">{AntiforgeryField(context)}<span>{user}</span> <button type="submit">退出登录</button></form>
            """);
        var page = HtmlDocument.Page($"{title} · 问卷组织者", Links, Html($"""
            <header class="admin-header"><a class="home" href="/admin">问卷组织者工作台</a>{signOut}</header>
            <main>
            {body}
            </main>
            """), bodyClass: "admin", indexable: false);
        return TypedResults.Content(page.Value, "text/html; charset=utf-8", statusCode: statusCode);
    }

    /// <summary>The hidden anti-forgery field every state-changing form carries (and its cookie).</summary>
    public static Markup AntiforgeryField(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return Html($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""");
    }
}
