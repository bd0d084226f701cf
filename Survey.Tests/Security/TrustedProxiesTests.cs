using System.Net;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Security;

/// <summary>
/// X-Forwarded-For sets the client address (which the limits key on) only when the request comes from a configured
/// proxy, even with ASP.NET Core's FORWARDEDHEADERS_ENABLED switch on. Seen through the sign-in limit.
/// </summary>
public sealed class TrustedProxiesTests : IAsyncLifetime
{
    private const int Attempts = 3;

    private readonly SurveyAppFactory app = new(TestDatabase.CreateSqlite())
    {
        Settings =
        {
            ["Survey:SignInAttempts"] = Attempts.ToString(),
            ["Survey:TrustedProxies:0"] = "10.0.0.5",
            ["Survey:TrustedProxies:1"] = "172.16.0.0/12",
            ["FORWARDEDHEADERS_ENABLED"] = "true",
        },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>Wrong sign-ins arriving from <paramref name="from"/>, each claiming a different client address.</summary>
    private async Task<List<HttpStatusCode>> WrongSignInsAsync(string from, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            var browser = new OrganiserBrowser(app, from);
            browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            statuses.Add((await browser.SignInAsync(null, "guess-" + i)).StatusCode);
        }
        return statuses;
    }

    [Fact]
    public async Task A_client_that_is_not_a_configured_proxy_cannot_pick_its_address_by_header()
    {
        var statuses = await WrongSignInsAsync("192.0.2.60", Attempts + 2);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, Attempts).Concat([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]), statuses);
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("172.20.1.2")]
    public async Task A_configured_proxy_or_network_passes_on_each_clients_own_address(string proxy)
    {
        var statuses = await WrongSignInsAsync(proxy, Attempts + 2);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }
}
