using System.Net;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Health;

/// <summary>/healthz: the process is alive; /healthz/ready: the database answers and questionnaires are loaded.</summary>
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
}
