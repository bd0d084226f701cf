using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Survey.Api.Audit;
using Survey.Api.Auth;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Reliability;

/// <summary>
/// Two server processes on one PostgreSQL database and one shared data folder (data-protection keys), as README
/// "Scaling out" describes: clients alternate between them; results agree after every write, an Idempotency-Key
/// retried on the other instance gets the first answer, and a browser signs in on one and is signed in on both.
/// </summary>
[Collection(ServerProcesses.Name)]
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private const string Questionnaire = "grassroots-service";
    private TestDatabase database = null!;
    private ServerProcess first = null!;
    private ServerProcess second = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreatePostgresAsync();
        var data = Path.Combine(database.Folder, "shared-data");
        first = new ServerProcess(database.ConnectionString, data, RepositoryPaths.Questionnaires);
        second = new ServerProcess(database.ConnectionString, data, RepositoryPaths.Questionnaires);
        await Task.WhenAll(first.StartAsync(), second.StartAsync()); // both migrate at once: EF takes a lock
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Results_agree_after_every_write_retries_cross_instances_and_sign_in_works_on_either()
    {
        ServerProcess[] servers = [first, second];
        var organisers = servers.Select(s => s.CreateClient(organiser: true)).ToArray();
        string[] identities = ["resident", "member", "cadre"];
        for (var i = 0; i < 10; i++)
        {
            using var resident = servers[i % 2].CreateClient();
            var posted = await resident.PostAsync($"/api/questionnaires/{Questionnaire}/responses",
                new StringContent("{\"answers\":{\"identity\":[\"" + identities[i % 3] + "\"]}}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            var fromFirst = await organisers[0].GetStringAsync($"/api/questionnaires/{Questionnaire}/results?by=identity");
            var fromSecond = await organisers[1].GetStringAsync($"/api/questionnaires/{Questionnaire}/results?by=identity");
            Assert.Equal(fromFirst, fromSecond);
            Assert.Equal(i + 1, JsonDocument.Parse(fromFirst).RootElement.GetProperty("responses").GetInt64());
        }

        // A retry after a lost answer lands on the other instance: same response, stored once.
        const string body = """{"answers":{"identity":["member"],"necessity":["worth-trying"]}}""";
        var original = await Send(first, body, "retry-across-instances");
        var retried = await Send(second, body, "retry-across-instances");
        Assert.Equal(HttpStatusCode.Created, original.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(await original.Content.ReadAsStringAsync(), await retried.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Send(second, """{"answers":{"identity":["cadre"]}}""", "retry-across-instances")).StatusCode);
        Assert.Equal(11, (await StoredResponses.IdsAsync(database.ConnectionString)).Count);

        // Sign in: the form comes from one instance, is posted to the other, and the cookie opens pages on both.
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(cookies);
        var form = await browser.GetStringAsync(new Uri(first.BaseAddress, "/admin/sign-in"));
        ShareCookies(cookies.CookieContainer, first, second);
        var signIn = await browser.PostAsync(new Uri(second.BaseAddress, "/admin/sign-in"), new FormUrlEncodedContent(
            [OrganiserBrowser.AntiforgeryField(form), new("name", ""), new("password", SurveyAppFactory.OrganiserToken), new("returnUrl", "")]));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        ShareCookies(cookies.CookieContainer, second, first);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(first.BaseAddress, "/admin"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(second.BaseAddress, "/admin"))).StatusCode);
        Assert.Contains(cookies.CookieContainer.GetCookies(first.BaseAddress), c => c.Name == OrganiserPolicy.CookieName);

        // The audit log: both instances started at once recorded each questionnaire once, and appending at once
        // (wrong bearer tokens, 8 per instance, under the per-client limit) they make one chain.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            using var client = servers[i % 2].CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", $"wrong-token-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/audit")).StatusCode);
        }));
        var actions = await StoredResponses.QueryAsync(database.ConnectionString, db => db.AuditLog.OrderBy(e => e.Seq).Select(e => new { e.Action, e.Target }).ToListAsync());
        var loaded = actions.Where(a => a.Action == AuditActions.QuestionnaireLoaded).Select(a => a.Target).ToList();
        Assert.Equal(loaded.Distinct().Count(), loaded.Count);
        Assert.Contains(Questionnaire, loaded);
        Assert.Equal(16, actions.Count(a => a.Action == AuditActions.SignInFailed));
        var verdict = new StringWriter();
        Assert.Equal(0, await AuditVerifyCommand.RunAsync([$"--ConnectionStrings:Survey={database.ConnectionString}"], verdict, new StringWriter()));
        Assert.EndsWith($"audit log intact: {actions.Count} entries", verdict.ToString().TrimEnd());
    }

    private static async Task<HttpResponseMessage> Send(ServerProcess server, string body, string key)
    {
        using var client = server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/questionnaires/{Questionnaire}/responses")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    /// <summary>The instances listen on two ports of one host; behind a load balancer they share one origin and so one cookie jar.</summary>
    private static void ShareCookies(CookieContainer jar, ServerProcess from, ServerProcess to)
    {
        foreach (Cookie cookie in jar.GetCookies(from.BaseAddress))
            jar.Add(to.BaseAddress, new Cookie(cookie.Name, cookie.Value, cookie.Path));
    }
}
