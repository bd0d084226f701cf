using System.Net;
using System.Net.Http.Headers;
using Survey.Api.Auth;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Auth;

/// <summary>
/// Sign-in form and bearer token failures draw on one limit per client, checked atomically: requests in flight
/// together cannot all slip past it, and once locked out even the right secret gets 429 until the window ends.
/// </summary>
public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private const int Attempts = 10;
    private const string Results = "/api/questionnaires/grassroots-service/results";

    private readonly SurveyAppFactory app = new(TestDatabase.CreateSqlite()) { Settings = { ["Survey:SignInAttempts"] = Attempts.ToString() } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<HttpResponseMessage> WithToken(string address, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Results);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add(TestClientAddress.Header, address);
        return app.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task Thirty_concurrent_wrong_sign_ins_get_exactly_the_limit_of_401s_and_the_rest_429()
    {
        var browsers = Enumerable.Range(0, 30).Select(_ => new OrganiserBrowser(app, "192.0.2.50")).ToList();
        // Fetch every form first, then post all at once: the attempts are in flight together.
        var forms = await Task.WhenAll(browsers.Select(b => b.Client.GetStringAsync("/admin/sign-in")));
        var posts = await Task.WhenAll(browsers.Select((b, i) => b.Client.PostAsync("/admin/sign-in", new FormUrlEncodedContent(
            [OrganiserBrowser.AntiforgeryField(forms[i]), new("name", ""), new("password", "guess-" + i), new("returnUrl", "")]))));
        Assert.Equal(Attempts, posts.Count(p => p.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(30 - Attempts, posts.Count(p => p.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await browsers[0].SignInAsync(null, SurveyAppFactory.OrganiserToken)).StatusCode);
    }

    [Fact]
    public async Task Wrong_bearer_tokens_are_limited_too_even_when_sent_all_at_once()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => WithToken("192.0.2.51", "wrong-token-" + i)));
        Assert.Equal(Attempts, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(300 - Attempts, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.True(answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests).Headers.RetryAfter is not null);

        // Locked out: the right token does not confirm itself; another client is unaffected.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WithToken("192.0.2.51", SurveyAppFactory.OrganiserToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithToken("198.51.100.51", SurveyAppFactory.OrganiserToken)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_and_bearer_failures_share_one_limit_and_correct_tokens_use_none_of_it()
    {
        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.OK, (await WithToken("192.0.2.52", SurveyAppFactory.OrganiserToken)).StatusCode);
        var browser = new OrganiserBrowser(app, "192.0.2.52");
        for (var i = 0; i < Attempts / 2; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SignInAsync(null, "guess-" + i)).StatusCode);
        for (var i = 0; i < Attempts / 2; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken("192.0.2.52", "guess-" + i)).StatusCode);

        var refused = await browser.SignInAsync(null, SurveyAppFactory.OrganiserToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(SignInRateLimit.Message, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WithToken("192.0.2.52", SurveyAppFactory.OrganiserToken)).StatusCode);
    }

    [Theory]
    [InlineData("/admin/q/\u0001x")]
    [InlineData("/admin/q/问卷")]
    [InlineData("/admin\r\nSet-Cookie: x=y")]
    public async Task A_return_address_with_control_or_non_ascii_characters_falls_back_to_the_dashboard(string returnUrl)
    {
        var response = await new OrganiserBrowser(app, "192.0.2.53").SignInAsync(null, SurveyAppFactory.OrganiserToken, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(OrganiserPolicy.CookieName + "="));
    }
}
