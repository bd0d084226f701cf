namespace Survey.Api.Organiser;

/// <summary>
/// The organiser pages' response headers: the same CSP as the resident form (no inline script or style, no
/// framing), nosniff, no referrer, and no caching (pages show residents' words). Values already set (by a
/// site-wide security-headers middleware) are left as they are, so the two agree without duplicating.
/// </summary>
public static class AdminSecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }
}
