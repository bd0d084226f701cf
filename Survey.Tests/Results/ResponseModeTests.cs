using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Entry;
using Survey.Api.Exports;
using Survey.Api.Import;
using Survey.Api.Infrastructure;
using Survey.Api.Model;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Results;

/// <summary>
/// The mode of each response (web, paper, import) as a filter on the organiser routes and a column of export.csv:
/// responses stored through the three real paths (the API, data entry, the importer), then every count compared with
/// a recount of what was stored, made here from the lists the test posted (not by the code under test).
/// </summary>
public abstract class ResponseModeTests(SurveyAppFactory app)
{
    private const string Id = "grassroots-service";

    // identity per response, by path: 5 web, 3 paper, 4 imported.
    private static readonly string[] Web = ["resident", "resident", "cadre", "member", "resident"];
    private static readonly string[] Paper = ["cadre", "cadre", "resident"];
    private static readonly string[] Imported = ["member", "member", "resident", "cadre"];

    private static string Body(string identity) => "{\"answers\":{\"identity\":[\"" + identity + "\"],\"problems\":[\"superficial\"]}}";

    private async Task LoadAsync()
    {
        var client = app.CreateClient();
        foreach (var identity in Web) await Submissions.PostAsync(client, Id, Body(identity));
        var questionnaire = app.Services.GetRequiredService<QuestionnaireCatalog>().Find(Id)!;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var entry = scope.ServiceProvider.GetRequiredService<DataEntryService>();
            foreach (var identity in Paper)
                await entry.StorePaperAsync(new System.Security.Claims.ClaimsPrincipal(), questionnaire, new ResponseSubmission(
                    new Dictionary<string, IReadOnlyList<string>> { ["identity"] = [identity], ["problems"] = ["superficial"] },
                    new Dictionary<string, string>(), new Dictionary<string, string>()), null, null, default);
        }
        var lines = JsonLinesSource.Read(new StringReader(string.Join('\n', Imported.Select(Body))), questionnaire, DateTime.UtcNow);
        await using var connection = await app.Services.GetRequiredService<SurveyConnections>().OpenAsync();
        await ResponseImporter.ImportAsync(connection, await app.Services.GetRequiredService<AnswerLayouts>().GetAsync(questionnaire), lines, null, default);
    }

    private async Task<Dictionary<string, long>> IdentityCountsAsync(string query)
    {
        using var results = JsonDocument.Parse(await app.CreateOrganiserClient().GetStringAsync($"/api/questionnaires/{Id}/results{query}"));
        return results.RootElement.GetProperty("questions")[0].GetProperty("options").EnumerateArray()
            .ToDictionary(o => o.GetProperty("optionId").GetString()!, o => o.GetProperty("count").GetInt64());
    }

    private static Dictionary<string, long> Recount(params string[][] groups) =>
        new[] { "resident", "member", "cadre" }.ToDictionary(o => o, o => (long)groups.Sum(g => g.Count(i => i == o)));

    [Fact]
    public async Task Each_mode_filters_the_counts_the_export_and_the_export_reads_back_with_its_modes()
    {
        await LoadAsync();

        // The whole questionnaire first, so a memo that ignored the mode would answer the filtered requests wrongly.
        Assert.Equal(Recount(Web, Paper, Imported), await IdentityCountsAsync(""));
        Assert.Equal(Recount(Paper), await IdentityCountsAsync("?mode=paper"));
        Assert.Equal(Recount(Web), await IdentityCountsAsync("?mode=web"));
        Assert.Equal(Recount(Imported), await IdentityCountsAsync("?mode=import"));
        Assert.Equal(new Dictionary<string, long> { ["resident"] = 0, ["member"] = 0, ["cadre"] = 2 }, await IdentityCountsAsync("?mode=paper&where=identity:cadre"));
        var refused = await app.CreateOrganiserClient().GetAsync($"/api/questionnaires/{Id}/results?mode=letter");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("收集方式", await refused.Content.ReadAsStringAsync());

        // The export: a 收集方式 column in Chinese; mode= limits its rows like every other filter.
        var client = app.CreateOrganiserClient();
        var all = Downloads.ParseCsv(await client.GetByteArrayAsync($"/api/questionnaires/{Id}/export.csv"), keyed: true).Tables[0];
        Assert.Equal("收集方式", all.Header[2]);
        Assert.Equal(RawResponseTable.ModeColumn, all.Keys![2]);
        Assert.Equal(Web.Length, all.Records.Count(r => r["mode"] == "网上填写"));
        Assert.Equal(Paper.Length, all.Records.Count(r => r["mode"] == "纸质问卷录入"));
        Assert.Equal(Imported.Length, all.Records.Count(r => r["mode"] == "文件导入"));
        var paperCsv = await client.GetAsync($"/api/questionnaires/{Id}/export.csv?mode=paper");
        Assert.Contains("纸质问卷录入", paperCsv.Content.Headers.ContentDisposition!.FileNameStar); // the file name states the filter
        var paperFile = Downloads.ParseCsv(await paperCsv.Content.ReadAsByteArrayAsync(), keyed: true);
        Assert.Contains(paperFile.About, line => line.Contains("收集方式＝纸质问卷录入"));
        var paper = paperFile.Tables[0].Records;
        Assert.Equal(Paper.Order(), paper.Select(r => r["identity"]).Order());
        Assert.All(paper, r => Assert.Equal("纸质问卷录入", r["mode"]));
        var sheet = Downloads.ReadXlsx(await client.GetByteArrayAsync($"/api/questionnaires/{Id}/export.xlsx?mode=paper"))[0];
        Assert.Equal(Paper.Length, sheet.Rows.Count(r => r.Contains("纸质问卷录入")));

        // Read back by the importer: each response keeps its mode.
        var questionnaire = app.Services.GetRequiredService<QuestionnaireCatalog>().Find(Id)!;
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/api/questionnaires/{Id}/export.csv"));
        var read = ExportCsvSource.Read(new StringReader(csv), questionnaire, DateTime.UtcNow).ToList();
        Assert.All(read, line => Assert.Empty(line.Errors));
        Assert.Equal(Paper.Length, read.Count(l => l.Response!.Mode == ResponseMode.Paper));
        Assert.Equal(Web.Length, read.Count(l => l.Response!.Mode == ResponseMode.Web));
        Assert.Equal(Imported.Length, read.Count(l => l.Response!.Mode == ResponseMode.Import));
    }
}

public sealed class ResponseModeSqliteTests(SqliteApp app) : ResponseModeTests(app), IClassFixture<SqliteApp>;

public sealed class ResponseModePostgresTests(PostgresApp app) : ResponseModeTests(app), IClassFixture<PostgresApp>;
