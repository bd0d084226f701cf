using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Infrastructure;
using Survey.Api.Limits;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Limits;

/// <summary>
/// While the database refuses writes, both submission paths answer 503 with Retry-After, the classic form keeps
/// the answers on screen, nothing is stored, and the same submission goes through once the database is back.
/// (The real thing, a killed PostgreSQL, is in <see cref="Reliability.CrashSafetyTests"/>.)
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly SurveyAppFactory factory = new(TestDatabase.CreateSqlite());
    private readonly FailingWrites outage = new();
    private WebApplicationFactory<Program> app = null!;

    public Task InitializeAsync()
    {
        app = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.ConfigureDbContext<SqliteSurveyDbContext>(options => options.AddInterceptors(outage, outage.Transactions, outage.Connections))));
        app.CreateClient().Dispose(); // started (and migrated) before the database goes down
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task The_json_api_answers_503_with_retry_after_and_the_same_key_succeeds_afterwards()
    {
        var client = app.CreateClient();
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/questionnaires/grassroots-service/responses")
            {
                Content = new StringContent("""{"answers":{"identity":["resident"]}}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", "outage-1");
            return request;
        }
        outage.Down = true;
        var refused = await client.SendAsync(Request());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TryAgain.BusySeconds, (int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TryAgain.BusyTitle, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(0, (await factory.RowCountsAsync()).Responses);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Category.StartsWith("Survey") && e.Exception is not null);

        outage.Down = false;
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Request())).StatusCode);
        Assert.Equal(1, (await factory.RowCountsAsync()).Responses);
    }

    [Fact]
    public async Task The_classic_form_comes_back_with_the_answers_and_a_note_to_try_again()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        outage.Down = true;
        var refused = await client.PostAsync("/q/grassroots-service", new FormUrlEncodedContent(
            [new("a:identity", "member"), new("a:satisfying-ways", "other"), new("other:satisfying-ways", "村口装路灯"), new("key", "outage-form")]));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("答卷暂未保存", html);
        Assert.Contains(TryAgain.BusyDetail, html);
        Assert.Contains("村口装路灯", html);
        Assert.Matches("value=\"member\"[^>]*checked", html);
        Assert.Contains("value=\"outage-form\"", html);
        Assert.Equal(0, (await factory.RowCountsAsync()).Responses);
    }

    [Fact]
    public async Task Organiser_reads_answer_503_too_not_500()
    {
        outage.Down = true;
        outage.ReadsToo = true;
        var response = await app.CreateClient().GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", SurveyAppFactory.OrganiserToken);
        var results = await client.GetAsync("/api/questionnaires/grassroots-service/results");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, results.StatusCode);
        Assert.True(results.Headers.RetryAfter is not null);
    }

    /// <summary>Makes the database fail like a locked or vanished one (SQLITE_BUSY) while <see cref="Down"/>.</summary>
    /// <summary>
    /// Commands through EF, and the transactions and connections that the store's and the engine's plain ADO.NET
    /// code opens through EF (group commit, snapshot refresh): while <see cref="Down"/> writes fail, and with
    /// <see cref="ReadsToo"/> opening a connection fails as well, as when the database is unreachable.
    /// </summary>
    private sealed class FailingWrites : DbCommandInterceptor
    {
        public volatile bool Down;
        public volatile bool ReadsToo;

        public FailingWrites()
        {
            Transactions = new FailingTransactions(this);
            Connections = new FailingConnections(this);
        }

        public DbTransactionInterceptor Transactions { get; }
        public DbConnectionInterceptor Connections { get; }

        private sealed class FailingTransactions(FailingWrites outage) : DbTransactionInterceptor
        {
            public override ValueTask<InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(System.Data.Common.DbConnection connection,
                TransactionStartingEventData eventData, InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
            {
                if (outage.Down) throw new SqliteException("database is locked", 5);
                return base.TransactionStartingAsync(connection, eventData, result, cancellationToken);
            }
        }

        private sealed class FailingConnections(FailingWrites outage) : DbConnectionInterceptor
        {
            public override ValueTask<InterceptionResult> ConnectionOpeningAsync(System.Data.Common.DbConnection connection, ConnectionEventData eventData,
                InterceptionResult result, CancellationToken cancellationToken = default)
            {
                if (outage.Down && outage.ReadsToo) throw new SqliteException("unable to open database file", 14);
                return base.ConnectionOpeningAsync(connection, eventData, result, cancellationToken);
            }
        }

        private void ThrowIfDown(string sql)
        {
            if (Down && (ReadsToo || !sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)))
                throw new SqliteException("database is locked", 5);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(System.Data.Common.DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            ThrowIfDown(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(System.Data.Common.DbCommand command,
            CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            ThrowIfDown(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(System.Data.Common.DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            ThrowIfDown(command.CommandText);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
