using Microsoft.AspNetCore.OutputCaching;
using Survey.Api.Auth;

namespace Survey.Api.Results;

/// <summary>
/// Caches organiser GET responses per path and full query string, tagged with the questionnaire. Only requests by
/// a signed-in organiser are looked up or stored (the middleware runs after authorization, and this checks again),
/// so nothing cached is ever served to anyone else; responses that set a cookie or are not 200 are not stored.
/// A policy of its own because the default one refuses every authenticated request.
/// </summary>
public sealed class OrganiserOutputCachePolicy : IOutputCachePolicy
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var organiser = http.User.Identity?.IsAuthenticated == true && http.User.IsInRole(OrganiserPolicy.Role);
        var cacheable = organiser && HttpMethods.IsGet(http.Request.Method);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["organiser"] = organiser ? "yes" : "no";
        if (http.Request.RouteValues["id"] is string id) context.Tags.Add(ResultsCache.Tag(id));
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0) context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
