using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Survey.Api.Infrastructure;
using Survey.Api.Model;
using Survey.Core.Questionnaires;

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

    /// <summary>False for a second instance on another factory's database: disposing it leaves the database to its owner.</summary>
    public bool OwnsDatabase { get; init; } = true;

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

    /// <summary>Stored responses, chosen options (decoded from every stored pattern), texts and idempotency keys.</summary>
    public async Task<(int Responses, int Answers, int Texts, int Keys)> RowCountsAsync()
    {
        var stored = await StoredAnswersAsync();
        return await QueryAsync(async db => (stored.Count, stored.Sum(r => r.Answers.Values.Sum(o => o.Count)),
            await db.Texts.CountAsync(), await db.IdempotencyRecords.CountAsync()));
    }

    /// <summary>Every stored response (of one questionnaire, or all) with its choice answers decoded from the stored pattern.</summary>
    public async Task<List<(Guid Id, string QuestionnaireId, Dictionary<string, List<string>> Answers)>> StoredAnswersAsync(string? questionnaireId = null)
    {
        var catalog = Services.GetRequiredService<QuestionnaireCatalog>();
        var layouts = Services.GetRequiredService<AnswerLayouts>();
        var rows = await QueryAsync(db => db.Responses.Where(r => questionnaireId == null || r.QuestionnaireId == questionnaireId)
            .Select(r => new { r.Id, r.QuestionnaireId, r.Patterns }).ToListAsync());
        var decoded = new List<(Guid, string, Dictionary<string, List<string>>)>();
        foreach (var row in rows)
        {
            var layout = await layouts.GetAsync(catalog.Find(row.QuestionnaireId)!);
            decoded.Add((row.Id, row.QuestionnaireId, layout.Decode(row.Patterns)));
        }
        return decoded;
    }

    /// <summary>One stored response: its choice answers as "question:option" (decoded from the stored pattern) and its texts.</summary>
    public async Task<StoredResponse> StoredResponseAsync(Guid id)
    {
        var response = (await ResponsesWithTextsAsync(r => r.Id == id)).Single();
        var answers = (await StoredAnswersAsync(response.QuestionnaireId)).Single(r => r.Id == id).Answers;
        return new StoredResponse(response.QuestionnaireId, answers.SelectMany(a => a.Value.Select(o => $"{a.Key}:{o}")).Order(StringComparer.Ordinal).ToList(), response.Texts);
    }

    /// <summary>Stored response rows with their texts attached (texts are a table of their own, with no navigation in the model).</summary>
    public async Task<List<SurveyResponse>> ResponsesWithTextsAsync(System.Linq.Expressions.Expression<Func<SurveyResponse, bool>> where) =>
        await QueryAsync(async db =>
        {
            var responses = await db.Responses.AsNoTracking().Where(where).ToListAsync();
            var ids = responses.Select(r => r.Id).ToList();
            var texts = (await db.Texts.AsNoTracking().Where(t => ids.Contains(t.ResponseId)).ToListAsync()).ToLookup(t => t.ResponseId);
            foreach (var response in responses) response.Texts.AddRange(texts[response.Id]);
            return responses;
        });

    /// <summary>Stores responses straight into the database (behind the API's back), numbered as the API numbers them.</summary>
    public async Task<List<Guid>> InsertAsync(string questionnaireId, IEnumerable<(DateTime SubmittedAt, Dictionary<string, string[]> Answers)> responses)
    {
        var questionnaire = Services.GetRequiredService<QuestionnaireCatalog>().Find(questionnaireId)!;
        var layout = await Services.GetRequiredService<AnswerLayouts>().GetAsync(questionnaire);
        var rows = responses.Select(r => new SurveyResponse
        {
            Id = Guid.NewGuid(), QuestionnaireId = questionnaireId, QuestionnaireVersion = questionnaire.Version, SubmittedAt = r.SubmittedAt,
            Patterns = layout.Encode(r.Answers.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value)),
        }).ToList();
        await QueryAsync(async db => { await ResponseWriter.WriteAsync(db, questionnaireId, rows, [], default); return 0; });
        return rows.Select(r => r.Id).ToList();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsDatabase) await Database.DisposeAsync();
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

/// <summary>A stored response as tests read it back: chosen options as "question:option" (ordinal order) and texts.</summary>
public sealed record StoredResponse(string QuestionnaireId, List<string> Answers, List<ResponseText> Texts);
