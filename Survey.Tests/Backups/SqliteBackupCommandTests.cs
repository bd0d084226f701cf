using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Backups;

/// <summary>
/// <c>Survey.Api.dll backup</c> / <c>restore</c> (script/backup, script/restore) on SQLite: a backup taken while
/// submissions arrive holds every response acknowledged before it started, only whole responses, and once restored
/// into a new data folder gives the same results as the original database holding those same responses.
/// </summary>
public sealed class SqliteBackupCommandTests : IAsyncLifetime
{
    private readonly SurveyAppFactory app = new(TestDatabase.CreateSqlite());
    private readonly string folder = Directory.CreateTempSubdirectory("survey-backup-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string verb, string file, string connectionString)
    {
        using var process = ServerProcess.Run([verb, file], new Dictionary<string, string> { ["ConnectionStrings__Survey"] = connectionString }, Path.GetTempPath());
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    [Fact]
    public async Task A_backup_taken_during_submissions_restores_to_identical_results_for_what_was_acknowledged_before_it()
    {
        string[] identities = ["resident", "member", "cadre"];
        var acknowledged = new ConcurrentDictionary<Guid, byte>();
        using var stop = new CancellationTokenSource();
        var submitting = Task.WhenAll(Enumerable.Range(0, 2).Select(async client =>
        {
            using var http = app.CreateClient();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var body = $"{{\"answers\":{{\"identity\":[\"{identities[(i + client) % 3]}\"],\"necessity\":[\"worth-trying\"]}}}}";
                var response = await http.PostAsync("/api/questionnaires/grassroots-service/responses", new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                acknowledged.TryAdd((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), 0);
            }
        }));
        while (acknowledged.Count < 30) await Task.Delay(20);

        var beforeBackup = acknowledged.Keys.ToHashSet();
        var backup = Path.Combine(folder, "survey-backup.db");
        var (backedUp, backupOutput) = await RunAsync("backup", backup, app.Database.ConnectionString);
        Assert.True(backedUp == 0, backupOutput);
        var countAfterBackup = acknowledged.Count;
        while (acknowledged.Count < countAfterBackup + 10) await Task.Delay(20); // submissions go on after the backup
        await stop.CancelAsync();
        await submitting;

        var restoredDatabase = $"Data Source={Path.Combine(folder, "restored", "survey.db")}";
        var (restored, restoreOutput) = await RunAsync("restore", backup, restoredDatabase);
        Assert.True(restored == 0, restoreOutput);

        var restoredIds = await StoredResponses.IdsAsync(restoredDatabase);
        var originalIds = await StoredResponses.IdsAsync(app.Database.ConnectionString);
        Assert.Subset(restoredIds, beforeBackup);
        Assert.Subset(originalIds, restoredIds);
        Assert.True(originalIds.Count > restoredIds.Count, "responses acknowledged after the backup are not in it");

        // The original, as of the backup: a copy without the responses stored after it.
        var asOfBackup = $"Data Source={Path.Combine(folder, "as-of-backup.db")}";
        Assert.Equal(0, (await RunAsync("backup", Path.Combine(folder, "as-of-backup.db"), app.Database.ConnectionString)).ExitCode);
        await StoredResponses.QueryAsync(asOfBackup, db => db.Responses.Where(r => !restoredIds.Contains(r.Id)).ExecuteDeleteAsync());

        Assert.Equal(await ResultsAsync(asOfBackup), await ResultsAsync(restoredDatabase));
    }

    [Fact]
    public async Task Restoring_a_file_that_is_not_a_survey_database_is_refused_and_changes_nothing()
    {
        await Submissions.PostAsync(app.CreateClient(), "grassroots-service", """{"answers":{"identity":["resident"]}}""");
        var notABackup = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(notABackup, "这不是备份");
        var (exitCode, output) = await RunAsync("restore", notABackup, app.Database.ConnectionString);
        Assert.Equal(1, exitCode);
        Assert.Contains("restore:", output);
        Assert.Single(await StoredResponses.IdsAsync(app.Database.ConnectionString));
        Assert.Equal(2, (await RunAsync("backup", Path.Combine(folder, "x.db"), "Host=127.0.0.1;Database=survey")).ExitCode); // PostgreSQL: pg_dump
    }

    private static async Task<string> ResultsAsync(string connectionString)
    {
        await using var reader = new SurveyAppFactory(TestDatabase.CreateSqlite()) { Settings = { ["ConnectionStrings:Survey"] = connectionString } };
        return await reader.CreateOrganiserClient().GetStringAsync("/api/questionnaires/grassroots-service/results?by=identity");
    }
}
