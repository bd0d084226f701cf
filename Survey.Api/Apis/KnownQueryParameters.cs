using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Survey.Api.Apis;

/// <summary>
/// An endpoint filter that refuses (400, naming the parameter) a query parameter the handler does not take, so an
/// unused parameter cannot make a costly response be computed again or stored twice in a cache.
/// The names allowed are read from the handler's own parameters (or their <c>[FromQuery(Name)]</c>), and from the
/// properties of its <c>[AsParameters]</c> records: every chart takes <see cref="OrganiserQuery"/>, so the dashboard's
/// query string (filters, base, by) is always known.
/// </summary>
public static class KnownQueryParameters
{
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var known = context.MethodInfo.GetParameters().SelectMany(Names).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return invocation =>
        {
            var unknown = invocation.HttpContext.Request.Query.Keys.Where(key => !known.Contains(key)).ToList();
            if (unknown.Count == 0) return next(invocation);
            var errors = unknown.ToDictionary(key => key, key => new[] { $"不支持查询参数“{key}”。" });
            return ValueTask.FromResult<object?>(Problems.InvalidQuery(errors));
        };
    }

    private static IEnumerable<string> Names(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<AsParametersAttribute>() is null
            ? [parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name!]
            : parameter.ParameterType.GetProperties().Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name);
}
