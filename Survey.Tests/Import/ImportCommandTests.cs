using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Import;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Import;

/// <summary>
/// <c>script/import</c>'s command (<see cref="ImportCommand"/>) run against each database
/// (<see cref="ImportCommandSqliteTests"/>, <see cref="ImportCommandPostgresTests"/>), checked through the API.
/// </summary>
public abstract class ImportCommandTests
{
    private const string Id = "grassroots-service";

    protected abstract Task<TestDatabase> NewDatabaseAsync();

    private async Task<SurveyAppFactory> NewAppAsync()
    {
        var app = new SurveyAppFactory(await NewDatabaseAsync());
        app.CreateClient().Dispose(); // starts the app, which migrates the database
        return app;
    }

    private static async Task<(int Exit, string Output, string Error)> ImportAsync(SurveyAppFactory app, string fileName, string content)
    {
        var file = Path.Combine(app.Database.Folder, fileName);
        await File.WriteAllTextAsync(file, content, new UTF8Encoding(false));
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await ImportCommand.RunAsync(Id, file,
            [$"--ConnectionStrings:Survey={app.Database.ConnectionString}", $"--Survey:QuestionnairesDirectory={app.QuestionnairesFolder}"],
            output, error, showProgress: false);
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task<string> GetAsync(SurveyAppFactory app, string path) => await app.CreateOrganiserClient().GetStringAsync(path);

    [Fact]
    public async Task A_file_with_bad_lines_stores_nothing_and_names_each_bad_line_in_the_APIs_words()
    {
        await using var app = await NewAppAsync();
        var lines = string.Join('\n',
            """{"answers":{"identity":["resident"]}}""",
            """{"answers":{"identity":["resident","cadre"]}}""",
            "",
            """{"answers":{"identity":["member"]},"submittedAt":"2026-03-05 10:00"}""",
            """{"answers":{"identity":["member"]}""",
            """{"answers":{"identity":["cadre"]}}""") + "\n";

        var (exit, output, error) = await ImportAsync(app, "responses.jsonl", lines);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("line 2: identity: 此题为单选题，只能选择1项 (single)", error);
        Assert.Contains("line 4: submittedAt: “submittedAt”应为带时区的ISO 8601时间", error);
        Assert.Contains("line 5: $: 提交内容不是有效的JSON (json)", error);
        Assert.DoesNotContain("line 1:", error);
        Assert.DoesNotContain("line 6:", error);
        Assert.Equal((0, 0, 0, 0), await app.RowCountsAsync());
    }

    [Fact]
    public async Task Responses_land_on_the_Beijing_day_of_their_submittedAt_and_the_last_line_says_how_many()
    {
        await using var app = await NewAppAsync();
        var lines = string.Join('\n',
            """{"answers":{"identity":["resident"]},"submittedAt":"2026-03-05T10:00:00Z"}""",
            // 01:30 in Beijing on 6 March is 17:30 UTC on 5 March.
            """{"submittedAt":"2026-03-06T01:30:00+08:00","answers":{"identity":["cadre"]}}""",
            """{"answers":{"identity":["member"]},"submittedAt":"2026-03-06T00:00:00Z"}""");

        var (exit, output, _) = await ImportAsync(app, "responses.jsonl", lines);

        Assert.Equal(0, exit);
        Assert.Equal($"imported 3 responses into {Id}", output.TrimEnd('\n').Split('\n')[^1]);
        // Days are Beijing days: 10:00 UTC on 5 March is 18:00 on the 5th; 17:30 UTC on the 5th and 00:00 UTC on the 6th are the 6th.
        using var fifth = JsonDocument.Parse(await GetAsync(app, $"/api/questionnaires/{Id}/results?from=2026-03-05&to=2026-03-05"));
        Assert.Equal(1, fifth.RootElement.GetProperty("responses").GetInt64());
        using var sixth = JsonDocument.Parse(await GetAsync(app, $"/api/questionnaires/{Id}/results?from=2026-03-06&to=2026-03-06"));
        Assert.Equal(2, sixth.RootElement.GetProperty("responses").GetInt64());
        var export = await GetAsync(app, $"/api/questionnaires/{Id}/export.csv");
        Assert.Contains(",2026-03-05 17:30,文件导入,cadre,", export); // script/import writes mode import
    }

    [Fact]
    public async Task An_exported_csv_imported_into_an_empty_database_gives_identical_results_and_export()
    {
        await using var source = await NewAppAsync();
        var questionnaire = source.Services.GetRequiredService<Survey.Core.Questionnaires.QuestionnaireCatalog>().Find(Id)!;
        var generated = SyntheticResponses.Generate(questionnaire, 400, seed: 9);
        var jsonLines = string.Join('\n', generated.Select((g, i) =>
            $"{{\"submittedAt\":\"{new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddMinutes(i * 97):yyyy-MM-ddTHH:mm:ssZ}\"," + g.ToJson()[1..]));
        Assert.Equal(0, (await ImportAsync(source, "responses.jsonl", jsonLines)).Exit);
        var export = await GetAsync(source, $"/api/questionnaires/{Id}/export.csv");
        Assert.Contains("'=SUM(A1)", export); // a neutralised text, restored on import

        await using var copy = await NewAppAsync();
        var (exit, output, error) = await ImportAsync(copy, "export.csv", export);

        Assert.True(exit == 0, error);
        Assert.EndsWith($"imported 400 responses into {Id}\n", output);
        // The header block's 生成时间 line is the minute each file was made: two requests may fall either side of a minute.
        Assert.Equal(WithoutGeneratedTime(export), WithoutGeneratedTime(await GetAsync(copy, $"/api/questionnaires/{Id}/export.csv")));
        foreach (var route in new[] { "results?by=identity", "results?from=2026-03-10&where=identity:resident", "tallies.csv?by=identity" })
            Assert.Equal(WithoutGeneratedTime(await GetAsync(source, $"/api/questionnaires/{Id}/{route}")),
                WithoutGeneratedTime(await GetAsync(copy, $"/api/questionnaires/{Id}/{route}")));
        Assert.Equal(await source.RowCountsAsync(), await copy.RowCountsAsync());
    }

    private static string WithoutGeneratedTime(string file) =>
        string.Join('\n', file.Split('\n').Where(line => !line.TrimStart('\uFEFF', '"').StartsWith(Survey.Analysis.Wording.Labels.GeneratedLabel)));

    [Fact]
    public async Task A_csv_with_an_invalid_cell_stores_nothing_and_names_its_line()
    {
        await using var app = await NewAppAsync();
        var header = string.Join(',', Survey.Api.Exports.RawResponseTable.Header(
            app.Services.GetRequiredService<Survey.Core.Questionnaires.QuestionnaireCatalog>().Find(Id)!));
        string Row(string identity, string problemsShowingOff) => string.Join(',', header.Split(',').Select(c => c switch
        {
            "identity" => identity,
            "problems.showing-off" => problemsShowingOff,
            _ => "",
        }));
        var csv = string.Join("\r\n", header, Row("resident", ""), Row("resident", "2"), Row("mayor", "")) + "\r\n";

        var (exit, _, error) = await ImportAsync(app, "export.csv", csv);

        Assert.Equal(1, exit);
        Assert.Contains("line 3: problems: “problems.showing-off”应为0、1或空 (cell)", error);
        Assert.Contains("line 4: identity: ", error);
        Assert.Contains("(unknownOption)", error);
        Assert.DoesNotContain("line 2:", error);
        Assert.Equal((0, 0, 0, 0), await app.RowCountsAsync());
    }
}

public sealed class ImportCommandSqliteTests : ImportCommandTests
{
    protected override Task<TestDatabase> NewDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class ImportCommandPostgresTests : ImportCommandTests
{
    protected override Task<TestDatabase> NewDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}
