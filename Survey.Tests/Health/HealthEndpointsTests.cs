using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Survey.Api.Results.Engine;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Health;

/// <summary>
/// /healthz: the process is alive; /healthz/ready: the database answers, questionnaires are loaded and the stored
/// responses have been read into memory.
/// </summary>
public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Without_questionnaires_the_server_is_alive_but_not_ready()
    {
        await using var app = new SurveyAppFactory(TestDatabase.CreateSqlite());
        var empty = Directory.CreateTempSubdirectory("survey-empty-").FullName;
        app.Settings["Survey:QuestionnairesDirectory"] = empty;
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Directory.Delete(empty);
    }

    [Fact]
    public async Task With_the_database_unreachable_the_server_is_alive_but_not_ready()
    {
        await using var app = new SurveyAppFactory(await TestDatabase.CreatePostgresAsync());
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
        await app.Database.DisposeAsync(); // drops the database under the running server
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz/ready")).StatusCode);
    }

    [Fact]
    public async Task A_new_instance_is_ready_only_once_the_stored_responses_are_in_memory()
    {
        await using var app = new SurveyAppFactory(await TestDatabase.CreatePostgresAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz/ready")).StatusCode);

        // A second instance starts while the set-asides, which each questionnaire's load reads last, are locked: its
        // load cannot finish, so it is alive but not ready.
        await using var blocker = new NpgsqlConnection(app.Database.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE set_asides IN ACCESS EXCLUSIVE MODE", blocker, transaction))
            await lockTable.ExecuteNonQueryAsync();
        await using var second = new SurveyAppFactory(app.Database) { OwnsDatabase = false };
        var client = second.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var notReady = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        var loading = second.Services.GetRequiredService<ResponseSnapshots>().Loading;
        Assert.False(loading.IsCompleted);

        await transaction.RollbackAsync();
        await loading;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
    }
}
