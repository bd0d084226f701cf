using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Data.Common;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Infrastructure;
using Survey.Api.Limits;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Limits;

/// <summary>
/// The per-client submission limit (429, Retry-After, Chinese, the burst counter for organisers) and the shared
/// concurrency limit (503 at once when full). Limits do not depend on the database: SQLite only, a host per test.
/// </summary>
public sealed class RequestLimitsTests : IAsyncLifetime
{
    private const string Valid = """{"answers":{"identity":["resident"]}}""";
    private const string Api = "/api/questionnaires/grassroots-service/responses";

    private readonly SurveyAppFactory app = new(TestDatabase.CreateSqlite());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private HttpClient Client(string address)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    private static Task<HttpResponseMessage> Submit(HttpClient client, string json = Valid) =>
        client.PostAsync(Api, new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task One_client_beyond_its_burst_gets_429_in_chinese_with_retry_after_while_a_neighbour_still_submits()
    {
        app.Settings["Survey:SubmissionBurstPerClient"] = "5";
        app.Settings["Survey:SubmissionsPerClientPerHour"] = "60";
        var script = Client("192.0.2.10");
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Created, (await Submit(script)).StatusCode);

        var refused = await Submit(script);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(TryAgain.TooManyTitle, problem.GetProperty("title").GetString());
        // 60 an hour refills one a minute: the client is told to wait at most that long.
        var wait = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(wait.TotalSeconds, 1, 60);
        Assert.Contains($"{(int)wait.TotalSeconds}秒", problem.GetProperty("detail").GetString());
        Assert.Equal(5, (await app.RowCountsAsync()).Responses);

        Assert.Equal(HttpStatusCode.Created, (await Submit(Client("198.51.100.20"))).StatusCode);

        // Organisers see the burst on that questionnaire, and only there.
        for (var i = 0; i < 3; i++) await Submit(script);
        var organiser = app.CreateOrganiserClient();
        var bursts = await organiser.GetFromJsonAsync<JsonElement>("/api/questionnaires/grassroots-service/bursts");
        Assert.Equal(4, bursts.GetProperty("refusedLastHour").GetInt64());
        Assert.Equal(4, bursts.GetProperty("refusedSinceStart").GetInt64());
        var other = await organiser.GetFromJsonAsync<JsonElement>("/api/questionnaires/resident-satisfaction/bursts");
        Assert.Equal(0, other.GetProperty("refusedLastHour").GetInt64());
    }

    [Fact]
    public async Task The_default_limit_lets_a_village_office_submit_60_at_once_and_stops_a_script_at_that()
    {
        app.Settings.Remove("Survey:SubmissionBurstPerClient"); // the shipped defaults
        var office = Client("203.0.113.30");
        var statuses = await Task.WhenAll(Enumerable.Range(0, 70).Select(_ => Submit(office)));
        Assert.Equal(60, statuses.Count(s => s.StatusCode == HttpStatusCode.Created));
        Assert.Equal(10, statuses.Count(s => s.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(60, (await app.RowCountsAsync()).Responses);
    }

    [Fact]
    public async Task The_classic_form_beyond_the_limit_comes_back_with_the_answers_kept_and_a_note_to_try_again()
    {
        app.Settings["Survey:SubmissionBurstPerClient"] = "1";
        var phone = Client("192.0.2.11");
        Assert.Equal(HttpStatusCode.SeeOther, (await phone.PostAsync("/q/grassroots-service", new FormUrlEncodedContent(
            [new("a:identity", "resident"), new("key", "form-key-1")]))).StatusCode);

        var refused = await phone.PostAsync("/q/grassroots-service", new FormUrlEncodedContent(
            [new("a:identity", "cadre"), new("a:satisfying-ways", "other"), new("other:satisfying-ways", "希望多修路灯"), new("key", "form-key-2")]));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("答卷暂未保存", html);
        Assert.Contains("希望多修路灯", html);
        Assert.Contains("value=\"form-key-2\"", html);
        Assert.Matches("value=\"cadre\"[^>]*checked", html);
        Assert.Equal(1, (await app.RowCountsAsync()).Responses);
    }

    [Fact]
    public async Task When_every_submission_slot_and_the_queue_are_taken_the_next_gets_503_at_once()
    {
        app.Settings["Survey:MaxConcurrentSubmissions"] = "1";
        app.Settings["Survey:SubmissionQueue"] = "0";
        var writes = new BlockingWrites();
        using var server = app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.ConfigureDbContext<SqliteSurveyDbContext>(options => options.AddInterceptors(writes))));
        HttpClient Client(string address)
        {
            var client = server.CreateClient();
            client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
            return client;
        }

        // A submission whose write the database has not finished holds the only slot.
        Client("192.0.2.12").Dispose();
        writes.Blocking = true;
        var slow = Submit(Client("192.0.2.12"));
        await writes.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var refused = await Submit(Client("198.51.100.12"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TryAgain.BusySeconds, (int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
        Assert.Equal(TryAgain.BusyTitle, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        writes.Release();
        Assert.Equal(HttpStatusCode.Created, (await slow).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Submit(Client("198.51.100.12"))).StatusCode);
        Assert.Equal(2, (await app.RowCountsAsync()).Responses);
    }

    /// <summary>While <see cref="Blocking"/>, a write waits (holding its submission slot) until <see cref="Release"/>.</summary>
    private sealed class BlockingWrites : DbTransactionInterceptor
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile bool Blocking;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => released.TrySetResult();

        // Every write (the group-commit writer's batch) runs in a transaction that EF starts: hold it there.
        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Blocking)
            {
                Entered.TrySetResult();
                await released.Task.WaitAsync(cancellationToken);
            }
            return result;
        }
    }
}
