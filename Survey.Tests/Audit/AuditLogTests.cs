using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Audit;
using Survey.Api.Infrastructure;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Audit;

/// <summary>
/// The audit log on each database: organiser actions are recorded (never a password), organisers read it as a page,
/// JSON and CSV, the verify command passes an intact chain and names the first entry of a tampered one, and two
/// instances appending at once make one chain.
/// </summary>
public abstract class AuditLogTests
{
    protected abstract Task<TestDatabase> NewDatabaseAsync();

    private async Task<SurveyAppFactory> NewAppAsync()
    {
        var app = new SurveyAppFactory(await NewDatabaseAsync());
        app.CreateClient().Dispose(); // starts the app: migrates, records the questionnaires
        return app;
    }

    private static async Task<(int Exit, string Output)> VerifyAsync(SurveyAppFactory app)
    {
        var output = new StringWriter();
        var exit = await AuditVerifyCommand.RunAsync([$"--ConnectionStrings:Survey={app.Database.ConnectionString}"], output, new StringWriter());
        return (exit, output.ToString());
    }

    private static async Task<(int Exit, string LastLine)> VerdictAsync(SurveyAppFactory app)
    {
        var (exit, output) = await VerifyAsync(app);
        return (exit, LastLine(output));
    }

    private static string LastLine(string text) => text.TrimEnd().Split('\n')[^1].TrimEnd('\r');

    private static Task<List<Survey.Api.Model.AuditEntry>> EntriesAsync(SurveyAppFactory app) =>
        app.QueryAsync(db => db.AuditLog.AsNoTracking().OrderBy(e => e.Seq).ToListAsync());

    /// <summary>An instance of the application's services of its own (own connection pool, own scopes) on the same database.</summary>
    private static ServiceProvider Instance(SurveyAppFactory app) =>
        new ServiceCollection().AddSurveyDatabase(app.Database.ConnectionString).AddSingleton(TimeProvider.System).AddScoped<AuditLog>().BuildServiceProvider();

    private static async Task AppendAsync(IServiceProvider services, string actor, string action, object? details)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(actor, action, "grassroots-service", details, CancellationToken.None);
    }

    [Fact]
    public async Task Sign_ins_downloads_and_assessments_are_recorded_and_organisers_can_read_and_verify_them()
    {
        await using var app = await NewAppAsync();
        var catalog = app.Services.GetRequiredService<QuestionnaireCatalog>();
        var loaded = await EntriesAsync(app);
        Assert.Equal(catalog.All.Select(q => q.Id), loaded.Select(e => e.Target));
        Assert.All(loaded, e => Assert.Equal((AuditActions.QuestionnaireLoaded, AuditLog.SystemActor), (e.Action, e.Actor)));
        Assert.Contains($"\"hash\":\"{catalog.Find("grassroots-service")!.ContentHash}\"", loaded.Single(e => e.Target == "grassroots-service").Details);

        var browser = new OrganiserBrowser(app);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SignInAsync("<b>zhang</b>", "not-the-password-7431")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(null, SurveyAppFactory.OrganiserToken)).StatusCode);
        var organiser = app.CreateOrganiserClient();
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync("/api/questionnaires/grassroots-service/export.csv?where=identity:cadre")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync("/api/questionnaires/resident-satisfaction/rounds/2026-Q1/assessments",
            new { organisation = "east-street", self = 90, review = 80 })).StatusCode);
        using var wrongToken = app.CreateClient();
        wrongToken.DefaultRequestHeaders.Authorization = new("Bearer", "wrong-token-5512");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongToken.GetAsync("/api/audit")).StatusCode);

        var recorded = (await EntriesAsync(app)).Skip(loaded.Count).ToList();
        Assert.Equal(
            [("anonymous", "signin.failed", null), ("token", "signin.succeeded", null), ("token", "export.downloaded", "grassroots-service"),
             ("token", "assessments.entered", "resident-satisfaction"), ("anonymous", "signin.failed", null)],
            recorded.Select(e => (e.Actor, e.Action, e.Target)));
        Assert.Equal("""{"name":"\u003Cb\u003Ezhang\u003C/b\u003E","via":"form"}""", recorded[0].Details);
        Assert.Contains("\"query\":\"?where=identity:cadre\"", recorded[2].Details);
        Assert.Contains("\"file\":\"export.csv\"", recorded[2].Details);
        Assert.Contains("\"round\":\"2026-Q1\"", recorded[3].Details);
        Assert.Equal("""{"via":"bearer"}""", recorded[4].Details);
        var everything = string.Join('\n', (await EntriesAsync(app)).Select(e => e.Details));
        Assert.DoesNotContain("not-the-password-7431", everything);
        Assert.DoesNotContain("wrong-token-5512", everything);
        Assert.DoesNotContain("10.0.0.1", everything); // the browser's address

        var json = await organiser.GetFromJsonAsync<JsonElement>("/api/audit?size=2");
        Assert.Equal(loaded.Count + 5, json.GetProperty("total").GetInt32());
        var newest = json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([loaded.Count + 5L, loaded.Count + 4L], newest.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(("signin.failed", "登录失败"), (newest[0].GetProperty("action").GetString(), newest[0].GetProperty("label").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.GetAsync("/api/audit?size=0")).StatusCode);

        var page = await browser.Client.GetStringAsync("/admin/audit");
        Assert.Contains("审计日志", page);
        Assert.Contains("&lt;b&gt;zhang&lt;/b&gt;", page);
        Assert.DoesNotContain("<b>zhang</b>", page);
        Assert.Contains("录入自评与组织考评", page);
        Assert.Contains("组织者令牌", page);

        var csv = await organiser.GetStringAsync("/api/audit.csv");
        Assert.Contains("序号,时间（UTC）,操作人", csv);
        Assert.Contains("下载数据", csv);
        Assert.Contains("audit.downloaded", csv); // the download records itself first
        Assert.Contains("审计日志", await organiser.GetStringAsync("/api/audit?format=csv"));

        var (exit, output) = await VerifyAsync(app);
        Assert.Equal(0, exit);
        Assert.Equal($"audit log intact: {loaded.Count + 7} entries", LastLine(output));
    }

    [Theory]
    [InlineData("edit", "audit log broken: entry 3: content changed")]
    [InlineData("delete", "audit log broken: entry 4: expected entry 3 here")]
    [InlineData("reorder", "audit log broken: entry 2: ")]
    public async Task The_verify_command_names_the_first_tampered_entry(string tampering, string expected)
    {
        await using var app = await NewAppAsync();
        await app.QueryAsync(db => db.AuditLog.ExecuteDeleteAsync()); // a log of the test's own entries only
        await using (var instance = Instance(app))
            for (var i = 1; i <= 5; i++) await AppendAsync(instance, "zhang.wei", AuditActions.Downloaded, new { file = "export.csv", n = i });
        Assert.Equal((0, "audit log intact: 5 entries"), await VerdictAsync(app));

        await app.QueryAsync(db => tampering switch
        {
            "edit" => db.Database.ExecuteSqlRawAsync("""UPDATE audit_log SET "Details" = '{{"file":"export.xlsx","n":3}}' WHERE "Seq" = 3"""),
            "delete" => db.Database.ExecuteSqlRawAsync("""DELETE FROM audit_log WHERE "Seq" = 3"""),
            _ => db.Database.ExecuteSqlRawAsync("""
                UPDATE audit_log SET "Seq" = -1 WHERE "Seq" = 2;
                UPDATE audit_log SET "Seq" = 2 WHERE "Seq" = 3;
                UPDATE audit_log SET "Seq" = 3 WHERE "Seq" = -1;
                """),
        });

        var (exit, output) = await VerifyAsync(app);
        Assert.Equal(1, exit);
        Assert.StartsWith(expected, LastLine(output));
    }

    [Fact]
    public async Task Two_instances_appending_at_once_make_one_chain_without_repeated_numbers()
    {
        await using var app = await NewAppAsync();
        var before = (await EntriesAsync(app)).Count;
        await using var first = Instance(app);
        await using var second = Instance(app);
        await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Task.Run(() => AppendAsync(i % 2 == 0 ? first : second, i % 2 == 0 ? "first" : "second", AuditActions.Downloaded, new { n = i }))));

        var entries = await EntriesAsync(app);
        Assert.Equal(before + 60, entries.Count);
        Assert.Equal(Enumerable.Range(1, before + 60).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.Equal(entries.Count, entries.Select(e => e.PrevHash).Distinct().Count()); // no two entries follow the same one: no fork
        Assert.Equal((0, $"audit log intact: {before + 60} entries"), await VerdictAsync(app));
    }

    [Fact]
    public async Task A_questionnaire_file_is_recorded_again_only_when_its_content_changes_even_from_two_instances()
    {
        await using var app = await NewAppAsync();
        var questionnaire = app.Services.GetRequiredService<QuestionnaireCatalog>().Find("grassroots-service")!;
        async Task<int> LoadedCount() => (await EntriesAsync(app)).Count(e => e.Target == questionnaire.Id && e.Action == AuditActions.QuestionnaireLoaded);
        await using var first = Instance(app);
        await using var second = Instance(app);
        async Task Record(IServiceProvider services, Questionnaire q)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordQuestionnaireAsync(q, CancellationToken.None);
        }

        Assert.Equal(1, await LoadedCount());
        await Record(first, questionnaire); // a restart with the same file
        Assert.Equal(1, await LoadedCount());
        var edited = questionnaire with { Version = questionnaire.Version + 1, ContentHash = new string('a', 64) };
        await Task.WhenAll(Task.Run(() => Record(first, edited)), Task.Run(() => Record(second, edited)));
        Assert.Equal(2, await LoadedCount());
        Assert.Contains($"\"version\":{questionnaire.Version + 1}", (await EntriesAsync(app)).Last().Details);
    }

    [Fact]
    public async Task No_route_changes_the_log()
    {
        await using var app = await NewAppAsync();
        var auditRoutes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("audit", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(3, auditRoutes.Count);
        Assert.All(auditRoutes, e => Assert.Equal(["GET"], e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods));
        var organiser = app.CreateOrganiserClient();
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await organiser.DeleteAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await organiser.PostAsync("/api/audit", JsonContent.Create(new { }))).StatusCode);
    }
}

public sealed class AuditLogSqliteTests : AuditLogTests
{
    protected override Task<TestDatabase> NewDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class AuditLogPostgresTests : AuditLogTests
{
    protected override Task<TestDatabase> NewDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}
