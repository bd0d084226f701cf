using System.Net;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Reliability;

/// <summary>
/// kill -9 under load: the built server runs as a child process while four clients submit; it is killed with
/// SIGKILL mid-flight three times (and, on PostgreSQL, the database once) and started again. Afterwards every
/// acknowledged response is stored, nothing is stored that was never sent, every stored response is complete,
/// and no request got a 5xx other than 503 (a database down or recovering is 503 with Retry-After, never 500).
/// </summary>
[Collection(ServerProcesses.Name)]
public sealed class CrashSafetyTests
{
    private const int Clients = 4;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task Postgres_server_killed_three_times_and_postgres_once_loses_nothing_acknowledged()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        await RunAsync(postgres.ConnectionString, postgres);
    }

    [Fact]
    public async Task Sqlite_server_killed_three_times_loses_nothing_acknowledged()
    {
        var folder = Directory.CreateTempSubdirectory("survey-crash-sqlite-").FullName;
        try { await RunAsync($"Data Source={Path.Combine(folder, "survey.db")}", postgres: null); }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static async Task RunAsync(string connectionString, OwnPostgres? postgres)
    {
        var data = Directory.CreateTempSubdirectory("survey-crash-data-").FullName;
        try { await RunInAsync(data, connectionString, postgres); }
        finally { Directory.Delete(data, recursive: true); }
    }

    private static async Task RunInAsync(string data, string connectionString, OwnPostgres? postgres)
    {
        await using var server = new ServerProcess(connectionString, data, RepositoryPaths.Questionnaires);
        await server.StartAsync();
        var load = new SubmissionLoad();
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(Clients, _ => server.BaseAddress, stop.Token);

        for (var kill = 0; kill < 3; kill++)
        {
            await WaitForMoreAcknowledgementsAsync(load);
            server.Kill();
            await Task.Delay(200); // clients meet a closed port
            await server.StartAsync();
        }
        if (postgres is not null)
        {
            await WaitForMoreAcknowledgementsAsync(load);
            var before503 = load.Count(HttpStatusCode.ServiceUnavailable);
            await postgres.KillAsync();
            await Task.Delay(Phase); // the server stays up and answers 503 while its database is gone
            using (var probe = server.CreateClient())
            {
                Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz")).StatusCode);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await probe.GetAsync("/healthz/ready")).StatusCode);
            }
            Assert.True(load.Count(HttpStatusCode.ServiceUnavailable) > before503, "submissions while PostgreSQL was down were answered 503: " + load.Summary);
            await postgres.StartAgainAsync();
        }
        await WaitForMoreAcknowledgementsAsync(load);
        await stop.CancelAsync();
        await running;

        using var organiser = server.CreateClient(organiser: true);
        var stored = await SubmissionLoad.AssertEveryStoredResponseCompleteAsync(organiser);
        var storedIds = await StoredResponses.IdsAsync(connectionString);
        Assert.Equal(stored, storedIds.Count);
        Assert.Empty(load.Acknowledged.Except(storedIds));
        Assert.InRange(stored, load.Acknowledged.Count, load.Attempted);
        Assert.True(load.ServerErrorsOtherThan503 == 0, load.Summary + "\n" + server.Output);
        Assert.True(load.Acknowledged.Count > 0, load.Summary);
    }

    /// <summary>Lets the clients run for a phase and until at least one more submission was acknowledged.</summary>
    private static async Task WaitForMoreAcknowledgementsAsync(SubmissionLoad load)
    {
        var before = load.Acknowledged.Count;
        await Task.Delay(Phase);
        for (var i = 0; i < 200 && load.Acknowledged.Count <= before; i++) await Task.Delay(50);
        Assert.True(load.Acknowledged.Count > before, "no submission acknowledged in this phase: " + load.Summary);
    }
}
