using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Survey.Api.Auth;

/// <summary>
/// Every organiser route requires this policy (<c>RequireAuthorization(OrganiserPolicy.Name)</c>). It accepts
/// either the bearer organiser token (scripts, the API) or the sign-in cookie (the browser dashboard): the
/// <see cref="Scheme"/> policy scheme picks the bearer handler when an Authorization header is sent, the cookie otherwise.
/// </summary>
public static class OrganiserPolicy
{
    public const string Name = "Organiser";
    public const string Role = "organiser";

    /// <summary>The default scheme: forwards to <see cref="OrganiserTokenAuthenticationHandler.SchemeName"/> or <see cref="CookieScheme"/>.</summary>
    public const string Scheme = "OrganiserTokenOrCookie";
    public const string CookieScheme = "OrganiserCookie";
    public const string CookieName = "survey-organiser";
    public const string SignInPath = "/admin/sign-in";
    public const string SignOutPath = "/admin/sign-out";

    public static IServiceCollection AddOrganiserAuthentication(this IServiceCollection services, OrganiserToken token)
    {
        services.AddSingleton(token);
        services.AddSingleton<OrganiserCredentials>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Organiser token or sign-in cookie", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? OrganiserTokenAuthenticationHandler.SchemeName : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, OrganiserTokenAuthenticationHandler>(OrganiserTokenAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, options =>
            {
                options.LoginPath = SignInPath;
                options.LogoutPath = SignOutPath;
                options.ReturnUrlParameter = "returnUrl";
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                // Strict: the cookie never rides on a request started by another site (CSRF defence beside anti-forgery).
                options.Cookie.SameSite = SameSiteMode.Strict;
                // SameAsRequest so http://localhost works in development; behind TLS the cookie is Secure (README "For organisers").
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context =>
                {
                    // Only the browser pages redirect; API routes (results, charts, exports) answer 401 like the bearer scheme.
                    if (context.Request.Path.StartsWithSegments("/admin")) context.Response.Redirect(context.RedirectUri);
                    else
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                    }
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder().AddPolicy(Name, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireRole(Role));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "survey-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }
}
