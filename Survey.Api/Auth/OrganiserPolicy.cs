using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Survey.Api.Auth;

/// <summary>Every organiser route requires this policy (<c>RequireAuthorization(OrganiserPolicy.Name)</c>).</summary>
public static class OrganiserPolicy
{
    public const string Name = "Organiser";
    public const string Role = "organiser";

    public static IServiceCollection AddOrganiserAuthentication(this IServiceCollection services, OrganiserToken token)
    {
        services.AddSingleton(token);
        services.AddAuthentication(OrganiserTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, OrganiserTokenAuthenticationHandler>(OrganiserTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Name, policy => policy
            .AddAuthenticationSchemes(OrganiserTokenAuthenticationHandler.SchemeName)
            .RequireRole(Role));
        return services;
    }
}
