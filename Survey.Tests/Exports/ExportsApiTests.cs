using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Analysis.Wording;
using Survey.Api.Exports;
using Survey.Api.Model;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;
using static Survey.Tests.TestSupport.Downloads;

namespace Survey.Tests.Exports;

/// <summary>Raw exports and tallies: every stored answer comes back, formula triggers are neutralised, XLSX equals CSV, filters apply.</summary>
public abstract class ExportsApiTests(SurveyAppFactory app)
{
    private const string Id = "grassroots-service";

    /// <summary>Texts that try every trick: formula triggers, quotes, separators, line breaks, markup, emoji, long Chinese.</summary>
    public static readonly string[] FuzzedTexts =
    [
        "=HYPERLINK(\"http://evil.example\",\"点我\")", "+1+1", "-2-2", "@SUM(A1:A2)", "\tTab开头", "\rCR开头", "\nLF开头",
        "含\"引号\"和,逗号", "第一行\r\n第二行\n第三行", "<script>alert(1)</script>", "表情😀👍🏽", new string('长', 500),
        "普通文字=不在开头", " =前面有空格",
    ];

    private Questionnaire Questionnaire => app.Services.GetRequiredService<QuestionnaireCatalog>().Find(Id)!;

    [Fact]
    public async Task Raw_csv_round_trips_every_stored_answer_and_neutralises_formula_triggers()
    {
        var client = app.CreateClient();
        await Submissions.PostAllAsync(client, Id, SyntheticResponses.Generate(Questionnaire, 60, seed: 23));
        foreach (var text in FuzzedTexts)
            await Submissions.PostAsync(client, Id, System.Text.Json.JsonSerializer.Serialize(new
            {
                answers = new Dictionary<string, string[]> { ["identity"] = ["resident"], ["problems"] = ["other"] },
                otherText = new Dictionary<string, string> { ["problems"] = text },
            }));

        var response = await app.CreateOrganiserClient().GetAsync($"/api/questionnaires/{Id}/export.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{Id}-{Survey.Core.Definitions.BeijingTime.DayOf(DateTime.UtcNow):yyyy-MM-dd}-export.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var file = ParseCsv(bytes, keyed: true);
        Assert.Equal(["问卷：基层服务型党组织建设调查问卷", "范围：全部答卷"], file.About.Take(2));
        Assert.StartsWith("生成时间：", file.About[^1]);
        var table = Assert.Single(file.Tables);
        Assert.Equal(RawResponseTable.Columns(Questionnaire).Select(c => c.Header), table.Header);
        Assert.Contains("3. 您对身边党组织服务群众的方式满意的是", table.Groups!);
        Assert.Contains("民事代办（选=1）", table.Header);
        var rows = table.Records;
        var stored = await StoredAsync(null);
        Assert.Equal(stored.Count, rows.Count);
        var header = RawResponseTable.Header(Questionnaire);
        foreach (var (id, submittedAt, answers, texts) in stored)
        {
            var row = rows.Single(r => r[RawResponseTable.ResponseIdColumn] == id.ToString());
            Assert.Equal(submittedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), row[RawResponseTable.SubmittedAtColumn]);
            foreach (var question in Questionnaire.Questions)
            {
                var chosen = answers.Where(a => a.Question == question.Id).Select(a => a.Option).ToHashSet();
                if (question.Type == QuestionType.Single)
                {
                    Assert.Equal(chosen.SingleOrDefault() ?? "", row[question.Id]);
                    Assert.Equal(chosen.Count == 0 ? "" : question.FindOption(chosen.Single())!.Label, row[$"{question.Id}.label"]);
                }
                if (question.Type == QuestionType.Multi)
                    foreach (var option in question.OptionList)
                        Assert.Equal(chosen.Count == 0 ? "" : chosen.Contains(option.Id) ? "1" : "0", row[$"{question.Id}.{option.Id}"]);
                if (question.Type == QuestionType.Text)
                    Assert.Equal(texts.SingleOrDefault(t => t.Question == question.Id && t.Option is null).Text ?? "", row[question.Id]);
                if (question.OptionList.Any(o => o.AllowsText))
                    Assert.Equal(Neutralised(texts.SingleOrDefault(t => t.Question == question.Id && t.Option is not null).Text ?? ""), row[RawResponseTable.OtherTextColumn(question.Id, question.OptionList.First(o => o.AllowsText).Id)]);
            }
        }
        Assert.Equal(header, rows[0].Keys);

        // The fuzzed texts come back intact, with a quote in front exactly when they start with a trigger.
        var others = rows.Select(r => r["problems.other.text"]).ToList();
        foreach (var text in FuzzedTexts)
        {
            var expected = text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' ? "'" + text : text;
            Assert.Contains(expected, others);
        }
        Assert.DoesNotContain(others, o => o.Length > 0 && o[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n');
    }

    [Fact]
    public async Task Xlsx_export_holds_the_same_cells_as_the_csv()
    {
        var client = app.CreateClient();
        await Submissions.PostAllAsync(client, Id, SyntheticResponses.Generate(Questionnaire, 25, seed: 5));
        await Submissions.PostAsync(client, Id, """{"answers":{"identity":["cadre"],"problems":["other"]},"otherText":{"problems":"=1+2"}}""");
        var organiser = app.CreateOrganiserClient();
        var csv = ReadCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/export.csv"), keyed: true);
        var xlsxResponse = await organiser.GetAsync($"/api/questionnaires/{Id}/export.xlsx");
        Assert.Equal(XlsxTableWriter.ContentType, xlsxResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{Id}-{Survey.Core.Definitions.BeijingTime.DayOf(DateTime.UtcNow):yyyy-MM-dd}-export.xlsx", xlsxResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var workbook = ReadXlsx(await xlsxResponse.Content.ReadAsByteArrayAsync()).Single();
        Assert.Equal("答卷", workbook.Name);
        var (header, sheet) = workbook.Table("答卷编号", headerRows: 2);
        Assert.Contains("1. 您的身份是", workbook.Rows[workbook.Rows.IndexOf(header) - 1]);
        var columns = workbook.Rows[workbook.Rows.IndexOf(header) + 1];
        Assert.Equal(RawResponseTable.Header(Questionnaire), columns);
        Assert.Equal(csv.Count, sheet.Count);
        foreach (var row in sheet)
        {
            var csvRow = csv.Single(r => r[RawResponseTable.ResponseIdColumn] == row[0]);
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i] == RawResponseTable.SubmittedAtColumn)
                    Assert.Equal(csvRow[columns[i]], DateTime.FromOADate(double.Parse(row[i], CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                // XML (and so XLSX) normalises line ends to LF when read: CR LF and a lone CR arrive as LF. Only the CSV
                // quotes a formula-like text: the XLSX cell is typed text and holds exactly what the resident wrote.
                else Assert.Equal(csvRow[columns[i]].Replace("\r\n", "\n").Replace('\r', '\n'), Neutralised(row[i]));
            }
        }
        // XLSX stores text as text, never as a formula: the text comes back exactly, with no quote in front.
        Assert.Contains(sheet, r => r[columns.IndexOf("problems.other.text")] == "=1+2");
        Assert.DoesNotContain(sheet.SelectMany(r => r), c => c.StartsWith('\''));
    }

    [Fact]
    public async Task Exports_and_tallies_honour_the_filters()
    {
        var client = app.CreateClient();
        await Submissions.PostAllAsync(client, Id, SyntheticResponses.Generate(Questionnaire, 40, seed: 31));
        var organiser = app.CreateOrganiserClient();
        var cadreResponse = await organiser.GetAsync($"/api/questionnaires/{Id}/export.csv?where=identity:cadre");
        // The file name carries the filter in words, sent as RFC 5987 filename* (UTF-8, percent-encoded).
        var expectedName = $"{Id}-{Survey.Core.Definitions.BeijingTime.DayOf(DateTime.UtcNow):yyyy-MM-dd}-身份=村(社区)“两委”干部-export.csv";
        Assert.Equal(expectedName, cadreResponse.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString(expectedName).Replace("(", "%28").Replace(")", "%29"),
            cadreResponse.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.OrdinalIgnoreCase);
        var cadreFile = ParseCsv(await cadreResponse.Content.ReadAsByteArrayAsync(), keyed: true);
        Assert.Contains("范围：您的身份是＝村(社区)“两委”干部", cadreFile.About);
        var cadres = cadreFile.Tables[0].Records;
        var storedCadres = await StoredAsync(a => a.Contains(("identity", "cadre")));
        Assert.NotEmpty(storedCadres);
        Assert.Equal(storedCadres.Select(s => s.Id.ToString()).Order(), cadres.Select(r => r[RawResponseTable.ResponseIdColumn]).Order());
        Assert.All(cadres, r => Assert.Equal("cadre", r["identity"]));

        var tomorrow = Survey.Core.Definitions.BeijingTime.DayOf(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd"); // Beijing days
        Assert.Empty(ReadCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/export.csv?from={tomorrow}"), keyed: true));
        Assert.Empty(ReadXlsx(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/export.xlsx?from={tomorrow}")).Single().Table("答卷编号", 2).Rows);

        // Tallies: the identity table under the cadre filter has only cadres, and its counts equal the stored ones.
        var talliesFile = ParseCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.csv?where=identity:cadre"));
        Assert.Contains("范围：您的身份是＝村(社区)“两委”干部", talliesFile.About);
        Assert.Contains($"答卷：{storedCadres.Count} 份", talliesFile.About);
        var tallies = talliesFile.Tables[0].Records;
        var identity = tallies.Where(r => r["题目编号"] == "identity").ToDictionary(r => r["选项编号"], r => long.Parse(r["人数"]));
        Assert.Equal(storedCadres.Count, identity["cadre"]);
        Assert.Equal(0, identity["resident"]);
        var necessity = tallies.Where(r => r["题目编号"] == "necessity").ToList();
        foreach (var row in necessity)
            Assert.Equal(storedCadres.Count(s => s.Answers.Contains(("necessity", row["选项编号"]))), long.Parse(row["人数"]));

        var bad = await organiser.GetAsync($"/api/questionnaires/{Id}/export.csv?where=identity:mayor");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync("/api/questionnaires/no-such/export.xlsx")).StatusCode);
    }

    [Fact]
    public async Task Tallies_xlsx_holds_the_same_numbers_as_tallies_csv()
    {
        await Submissions.PostAllAsync(app.CreateClient(), Id, SyntheticResponses.Generate(Questionnaire, 20, seed: 41));
        var organiser = app.CreateOrganiserClient();
        var csv = ParseCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.csv")).Tables.Single();
        var workbook = ReadXlsx(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.xlsx")).Single();
        Assert.Equal(TallyTables.TalliesTitle, workbook.Name);
        var (header, sheet) = workbook.Table("题号");
        Assert.Equal(TallyTables.Columns.Select(c => c.Header), header);
        Assert.Equal(csv.Header, header);
        var choiceQuestions = Questionnaire.Questions.Where(q => q.Type != QuestionType.Text).ToList();
        Assert.Equal(choiceQuestions.Sum(q => q.OptionList.Count), csv.Rows.Count);
        Assert.Equal(csv.Rows.Count, sheet.Count);
        for (var i = 0; i < csv.Rows.Count; i++)
            for (var c = 0; c < header.Count; c++)
            {
                var expected = csv.Rows[i][c];
                if (!double.TryParse(expected, CultureInfo.InvariantCulture, out var number)) Assert.Equal(expected, sheet[i][c]);
                // XLSX percentages are fractions shown as "0.0%"; the CSV writes the percentage to one decimal.
                else if (TallyTables.Columns[c].Format == CellFormat.Percent)
                    Assert.Equal(number, Math.Round(double.Parse(sheet[i][c], CultureInfo.InvariantCulture) * 100, 1, MidpointRounding.AwayFromZero), 1);
                else Assert.Equal(number, double.Parse(sheet[i][c], CultureInfo.InvariantCulture), 6);
            }
    }

    [Fact]
    public async Task Tallies_broken_down_add_one_cross_tab_table_per_question_titled_with_its_text()
    {
        await Submissions.PostAllAsync(app.CreateClient(), Id, SyntheticResponses.Generate(Questionnaire, 30, seed: 43));
        var organiser = app.CreateOrganiserClient();
        var sheets = ReadXlsx(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.xlsx?by=identity"));
        var crossed = Questionnaire.Questions.Where(q => q.Type != QuestionType.Text && q.Id != "identity").ToList();
        Assert.Equal(1 + crossed.Count, sheets.Count);
        var necessity = sheets.Single(s => s.Name.StartsWith("2. 您对当前农村(社区)建设服务型党组织"));
        Assert.Equal("2. 您对当前农村(社区)建设服务型党组织的看法是（按“您的身份是”分组）", necessity.Rows[0][0]);
        var (header, rows) = necessity.Table("选项");
        Assert.Equal(["普通群众 (A) 人数", "普通群众 (A) 列%"], header.Skip(1).Take(2));
        Assert.Equal("基数", rows[0][0]);
        Assert.Contains(necessity.Rows, r => r.Count > 0 && r[0].StartsWith("检验：卡方检验，差异"));

        // Question 5 is shown to cadres only: the other identities were never asked, which is not "withheld".
        var services = sheets.Single(s => s.Name.StartsWith("5. "));
        var (servicesHeader, servicesRows) = services.Table("选项");
        foreach (var group in new[] { "普通群众 (A)", "无职务党员 (B)" })
        {
            var count = servicesHeader.IndexOf($"{group} 人数");
            Assert.All(servicesRows, r => Assert.Equal(Labels.NotAsked, r[count]));
        }
        Assert.DoesNotContain(servicesRows.SelectMany(r => r), c => c == Labels.Suppressed);
        Assert.Contains(services.Rows, r => r.Count > 0 && r[0] == Labels.NotAskedLegend);

        var csv = ParseCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.csv?by=identity"));
        Assert.Contains(csv.Tables, t => t.Title == "2. 您对当前农村(社区)建设服务型党组织的看法是（按“您的身份是”分组）");
        Assert.Contains(csv.Tables.Single(t => t.Title!.StartsWith("5. ")).Notes, n => n == Labels.NotAskedLegend);
    }

    [Fact]
    public async Task Tallies_of_a_scored_questionnaire_hold_the_satisfaction_indices()
    {
        const string scored = "resident-satisfaction";
        var questionnaire = app.Services.GetRequiredService<QuestionnaireCatalog>().Find(scored)!;
        await Submissions.PostAllAsync(app.CreateClient(), scored, SyntheticResponses.Generate(questionnaire, 30, seed: 47));
        var organiser = app.CreateOrganiserClient();
        var satisfaction = await organiser.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/questionnaires/{scored}/satisfaction");
        var csv = ParseCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{scored}/tallies.csv"));
        var table = csv.Tables.Single(t => t.Title == TallyTables.SatisfactionTitle);
        var items = satisfaction.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count + 1, table.Rows.Count);
        foreach (var item in items)
        {
            var row = table.Records.Single(r => r["题目编号"] == item.GetProperty("questionId").GetString());
            // The JSON rounds the index to 2 decimals, the CSV to 1, both from the same unrounded value: at most 0.05 + 0.005 apart.
            Assert.Equal(item.GetProperty("index").GetDouble(), double.Parse(row["满意度指数(0–100)"], CultureInfo.InvariantCulture), 0.0551);
            Assert.Equal(item.GetProperty("n").GetInt64(), long.Parse(row["评分人数"]));
        }
        Assert.Equal(satisfaction.GetProperty("composite").GetProperty("index").GetDouble(),
            double.Parse(table.Records.Single(r => r["题目"] == "综合满意度指数")["满意度指数(0–100)"], CultureInfo.InvariantCulture), 0.0551);
        var sheets = ReadXlsx(await organiser.GetByteArrayAsync($"/api/questionnaires/{scored}/tallies.xlsx"));
        Assert.Equal(items.Count + 1, sheets.Single(s => s.Name == TallyTables.SatisfactionTitle).Table("题目编号").Rows.Count);
    }

    [Fact]
    public async Task Raw_export_streams_many_responses_with_ties_in_submission_time_in_order()
    {
        // Stored directly, many in the same minute: the order (submitted-at, id) breaks ties by id, and each response's
        // text rows (joined in the same query) must stay with it.
        var minute = new DateTime(2025, 3, 1, 9, 30, 0, DateTimeKind.Utc);
        var count = 1037;
        var ids = (await app.InsertAsync(Id, Enumerable.Range(0, count).Select(i => (minute.AddMinutes(i % 3), new Dictionary<string, string[]> { ["identity"] = ["member"] }))))
            .Select(id => id.ToString()).ToHashSet();
        var rows = ReadCsv(await app.CreateOrganiserClient().GetByteArrayAsync($"/api/questionnaires/{Id}/export.csv?from=2025-03-01&to=2025-03-01"), keyed: true);
        Assert.Equal(count, rows.Count);
        Assert.Equal(ids, rows.Select(r => r[RawResponseTable.ResponseIdColumn]).ToHashSet());
        var times = rows.Select(r => r[RawResponseTable.SubmittedAtColumn]).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
    }

    private static string Neutralised(string text) => CellText.Neutralise(text);

    private async Task<List<(Guid Id, DateTime SubmittedAt, HashSet<(string Question, string Option)> Answers, List<(string Question, string? Option, string Text)> Texts)>> StoredAsync(
        Func<HashSet<(string Question, string Option)>, bool>? where)
    {
        var answers = (await app.StoredAnswersAsync(Id)).ToDictionary(r => r.Id, r => r.Answers.SelectMany(a => a.Value.Select(o => (a.Key, o))).ToHashSet());
        var responses = await app.ResponsesWithTextsAsync(r => r.QuestionnaireId == Id);
        return responses.Where(r => where is null || where(answers[r.Id])).Select(r => (r.Id, r.SubmittedAt, answers[r.Id],
            r.Texts.Select(t => (t.QuestionId, t.OptionId, t.Text)).ToList())).ToList();
    }
}

public sealed class ExportsApiSqliteTests(SqliteApp app) : ExportsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ExportsApiPostgresTests(PostgresApp app) : ExportsApiTests(app), IClassFixture<PostgresApp>;
