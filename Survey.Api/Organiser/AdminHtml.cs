using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Survey.Api.Organiser;

/// <summary>The organiser pages' shared layout and encoding. Pages link /admin.css and /admin.js only: no inline script or style (CSP).</summary>
public static class AdminHtml
{
    /// <summary>Encodes &lt; &gt; &amp; quotes and the like; Chinese stays readable in the source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? value) => value is null ? "" : Encoder.Encode(value);

    public static Markup Html(ref HtmlHandler html) => new(html.ToString());

    /// <summary>A whole page, sent with the organiser security headers.</summary>
    public static ContentHttpResult Page(HttpContext context, string title, Markup body, int statusCode = StatusCodes.Status200OK)
    {
        AdminSecurityHeaders.Apply(context.Response);
        var user = context.User.Identity is { IsAuthenticated: true } identity ? identity.Name : null;
        var signOut = user is null ? Markup.Empty : Html($"""
            <form class="sign-out" method="post" action="{Auth.OrganiserPolicy.SignOutPath}">{AntiforgeryField(context)}<span>{user}</span> <button type="submit">退出登录</button></form>
            """);
        var page = Html($"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{title} · 问卷组织者</title>
            <link rel="icon" href="/admin-icon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="/admin.css">
            <script src="/admin.js" defer></script>
            </head>
            <body class="admin">
            <header class="admin-header"><a class="home" href="/admin">问卷组织者工作台</a>{signOut}</header>
            <main>
            {body}
            </main>
            </body>
            </html>
            """);
        return TypedResults.Content(page.Value, "text/html; charset=utf-8", statusCode: statusCode);
    }

    /// <summary>The hidden anti-forgery field every state-changing form carries (and its cookie).</summary>
    public static Markup AntiforgeryField(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return Html($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""");
    }
}
