namespace Survey.Api.Organiser;

/// <summary>
/// What the organiser pages add to the site-wide security headers (<see cref="Security.SecurityHeadersMiddleware"/>:
/// CSP, nosniff, no referrer): no framing for older browsers, and no caching, since the pages show residents' words.
/// </summary>
public static class AdminSecurityHeaders
{
    public static void Apply(HttpResponse response)
    {
        response.Headers.XFrameOptions = "DENY";
        response.Headers.CacheControl = "no-store";
    }
}
