using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Survey.Api.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;organiser token&gt;</c>. A wrong token gets the same 401 as none.</summary>
public sealed class OrganiserTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OrganiserToken token)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "OrganiserToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (!token.Matches(header["Bearer ".Length..].Trim()))
            return Task.FromResult(AuthenticateResult.Fail("invalid organiser token"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "organiser"), new Claim(ClaimTypes.Role, OrganiserPolicy.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
