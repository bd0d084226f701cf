using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Survey.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;organiser token&gt;</c>. A wrong token gets the same 401 as none, and
/// counts as a failed sign-in (<see cref="SignInRateLimit"/>): once the client is locked out, 429 with Retry-After.
/// </summary>
public sealed class OrganiserTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OrganiserToken token, SignInRateLimit limit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "OrganiserToken";

    private bool lockedOut;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var candidate = header["Bearer ".Length..].Trim();
        var attempt = await limit.AttemptAsync(Context, () => token.Matches(candidate) ? candidate : null);
        lockedOut = attempt.LockedOut;
        if (attempt.Result is null)
        {
            if (!lockedOut)
                await Context.RequestServices.GetRequiredService<Audit.AuditLog>().AppendAsync(
                    Audit.AuditLog.AnonymousActor, Audit.AuditActions.SignInFailed, null, new { via = "bearer" }, Context.RequestAborted);
            return AuthenticateResult.Fail(lockedOut ? "too many failed attempts" : "invalid organiser token");
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "organiser"), new Claim(ClaimTypes.Role, OrganiserPolicy.Role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (lockedOut)
        {
            limit.SetRetryAfter(Response);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.ContentType = "text/plain; charset=utf-8";
            await Response.WriteAsync(SignInRateLimit.Message);
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
    }
}
