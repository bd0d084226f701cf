using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Survey.Api.Security;

/// <summary>
/// Behind a reverse proxy, the client address (which every per-client limit keys on) comes from X-Forwarded-For
/// only when the request arrives from a configured proxy: <c>Survey:TrustedProxies</c>, addresses or CIDR networks
/// (README "Behind a proxy"). Nothing else is trusted, including loopback and ASP.NET Core's own
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> switch, which on its own would trust every client's header.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, SurveyOptions options)
    {
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in options.TrustedProxies.Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) proxies.Add(address);
            else throw new StartupRefusal($"Survey:TrustedProxies: \"{entry}\" is neither an IP address nor a CIDR network (e.g. 10.0.0.5 or 10.0.0.0/24).");
        }
        // PostConfigure: runs after the framework's own setup for ASPNETCORE_FORWARDEDHEADERS_ENABLED, which clears both lists.
        services.PostConfigure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            proxies.ForEach(forwarded.KnownProxies.Add);
            networks.ForEach(forwarded.KnownIPNetworks.Add);
            forwarded.ForwardLimit = 1; // the address the nearest trusted proxy saw, not one a client wrote further left
        });
        return services;
    }

    /// <summary>First in the pipeline, so every limit and log sees the forwarded address; only when proxies are configured.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, SurveyOptions options) =>
        options.TrustedProxies.Count > 0 ? app.UseForwardedHeaders() : app;
}
