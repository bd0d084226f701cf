using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Survey.Tests.TestSupport;

/// <summary>
/// Test-only: the in-memory test server has no client address, so this sets it from the X-Test-Client header,
/// letting tests act as different clients (per-client rate limiting).
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers[Header].ToString() is { Length: > 0 } address) context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            return following();
        });
        next(app);
    };
}
