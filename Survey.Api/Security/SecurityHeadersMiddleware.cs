namespace Survey.Api.Security;

/// <summary>
/// Adds the browser security headers to every response: a Content-Security-Policy that allows scripts, styles
/// and images from this site only (no inline script or style, no plugins, no framing, no foreign form targets),
/// <c>X-Content-Type-Options: nosniff</c> and a Referrer-Policy that sends no referrer. Meant for the HTML pages
/// (resident form, organiser pages); harmless on JSON and static files. A header an endpoint set itself is kept.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}

public static class SecurityHeadersExtensions
{
    /// <summary>Adds <see cref="SecurityHeadersMiddleware"/>; call it before static files and endpoints so they all get the headers.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.UseMiddleware<SecurityHeadersMiddleware>();
}
