using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Survey.Api.Infrastructure;

namespace Survey.Tests.TestSupport;

/// <summary>
/// The real application (Program) on a fresh database of one kind, with the shipped questionnaires plus the
/// test-only ones in TestData/questionnaires, and a known organiser token.
/// </summary>
public class SurveyAppFactory(TestDatabase database) : WebApplicationFactory<Program>
{
    public const string OrganiserToken = "test-organiser-token-0123456789abcdef";

    /// <summary>
    /// Settings over the defaults. Tests load data from one (test) client, so the per-client submission limit is
    /// lifted here; the limit's own tests set it back.
    /// </summary>
    public Dictionary<string, string?> Settings { get; } = new() { ["Survey:SubmissionBurstPerClient"] = "1000000" };

    public TestDatabase Database { get; } = database;

    /// <summary>What the application logged (information and above).</summary>
    public CapturedLogs Logs { get; } = new();

    public string QuestionnairesFolder { get; } = CopyQuestionnaires(database.Folder);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Survey", Database.ConnectionString);
        builder.UseSetting("Survey:DataDirectory", Path.Combine(Database.Folder, "data"));
        builder.UseSetting("Survey:QuestionnairesDirectory", QuestionnairesFolder);
        builder.UseSetting("Survey:OrganiserToken", OrganiserToken);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            // X-Test-Client sets the client address, first of all (as a real connection's address is there from the start).
            services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter, TestClientAddress>());
        });
    }

    public HttpClient CreateOrganiserClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OrganiserToken);
        return client;
    }

    /// <summary>Runs a query on the application's own database context.</summary>
    public async Task<T> QueryAsync<T>(Func<SurveyDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SurveyDbContext>());
    }

    public Task<(int Responses, int Answers, int Texts, int Keys)> RowCountsAsync() => QueryAsync(async db =>
        (await db.Responses.CountAsync(), await db.Answers.CountAsync(), await db.Texts.CountAsync(), await db.IdempotencyRecords.CountAsync()));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    private static string CopyQuestionnaires(string folder)
    {
        var target = Path.Combine(folder, "questionnaires");
        Directory.CreateDirectory(target);
        foreach (var source in new[] { RepositoryPaths.Questionnaires, Path.Combine(AppContext.BaseDirectory, "TestData", "questionnaires") })
            foreach (var file in Directory.EnumerateFiles(source, "*.json"))
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        return target;
    }
}
