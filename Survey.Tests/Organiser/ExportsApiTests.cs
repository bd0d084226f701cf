using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Exports;
using Survey.Api.Model;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Organiser;

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
        Assert.Equal($"{Id}-{DateTime.UtcNow:yyyy-MM-dd}-export.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);

        var rows = ReadCsv(bytes);
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
        var csv = ReadCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/export.csv"));
        var xlsxResponse = await organiser.GetAsync($"/api/questionnaires/{Id}/export.xlsx");
        Assert.Equal(XlsxTableWriter.ContentType, xlsxResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{Id}-{DateTime.UtcNow:yyyy-MM-dd}-export.xlsx", xlsxResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var sheet = ReadXlsx(await xlsxResponse.Content.ReadAsByteArrayAsync()).Single().Rows;

        Assert.Equal(RawResponseTable.Header(Questionnaire), sheet[0]);
        Assert.Equal(csv.Count, sheet.Count - 1);
        var columns = sheet[0];
        foreach (var row in sheet.Skip(1))
        {
            var csvRow = csv.Single(r => r[RawResponseTable.ResponseIdColumn] == row[0]);
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i] == RawResponseTable.SubmittedAtColumn)
                    Assert.Equal(csvRow[columns[i]], DateTime.FromOADate(double.Parse(row[i], CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                // XML (and so XLSX) normalises line ends to LF when read: CR LF and a lone CR arrive as LF.
                else Assert.Equal(csvRow[columns[i]].Replace("\r\n", "\n").Replace('\r', '\n'), row[i]);
            }
        }
        Assert.Contains(sheet, r => r[columns.IndexOf("problems.other.text")] == "'=1+2");
    }

    [Fact]
    public async Task Exports_and_tallies_honour_the_filters()
    {
        var client = app.CreateClient();
        await Submissions.PostAllAsync(client, Id, SyntheticResponses.Generate(Questionnaire, 40, seed: 31));
        var organiser = app.CreateOrganiserClient();
        var cadres = ReadCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/export.csv?where=identity:cadre"));
        var storedCadres = await StoredAsync(r => r.Answers.Any(a => a.QuestionId == "identity" && a.OptionId == "cadre"));
        Assert.NotEmpty(storedCadres);
        Assert.Equal(storedCadres.Select(s => s.Id.ToString()).Order(), cadres.Select(r => r[RawResponseTable.ResponseIdColumn]).Order());
        Assert.All(cadres, r => Assert.Equal("cadre", r["identity"]));

        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        Assert.Empty(ReadCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/export.csv?from={tomorrow}")));
        Assert.Single(ReadXlsx(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/export.xlsx?from={tomorrow}")).Single().Rows);

        // Tallies: the identity table under the cadre filter has only cadres, and its counts equal the stored ones.
        var tallies = ReadCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.csv?where=identity:cadre"));
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
        var csv = ReadCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.csv"));
        var sheet = ReadXlsx(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.xlsx")).Single().Rows;
        Assert.Equal(TallyTables.Header, sheet[0]);
        Assert.Equal(csv.Count, sheet.Count - 1);
        var choiceQuestions = Questionnaire.Questions.Where(q => q.Type != QuestionType.Text).ToList();
        Assert.Equal(choiceQuestions.Sum(q => q.OptionList.Count), csv.Count);
        for (var i = 0; i < csv.Count; i++)
            for (var c = 0; c < TallyTables.Header.Count; c++)
            {
                var expected = csv[i][TallyTables.Header[c]];
                if (double.TryParse(expected, CultureInfo.InvariantCulture, out var number))
                    Assert.Equal(number, double.Parse(sheet[i + 1][c], CultureInfo.InvariantCulture), 2);
                else Assert.Equal(expected, sheet[i + 1][c]);
            }
    }

    [Fact]
    public async Task Tallies_broken_down_add_one_cross_tab_table_per_question()
    {
        await Submissions.PostAllAsync(app.CreateClient(), Id, SyntheticResponses.Generate(Questionnaire, 30, seed: 43));
        var organiser = app.CreateOrganiserClient();
        var sheets = ReadXlsx(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.xlsx?by=identity"));
        var crossed = Questionnaire.Questions.Where(q => q.Type != QuestionType.Text && q.Id != "identity").ToList();
        Assert.Equal(1 + crossed.Count, sheets.Count);
        var necessity = sheets.Single(s => s.Name.StartsWith("necessity"));
        Assert.Equal("选项", necessity.Rows[0][0]);
        Assert.Contains(necessity.Rows, r => r[0].StartsWith("检验："));
        var csv = System.Text.Encoding.UTF8.GetString(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.csv?by=identity"));
        Assert.Contains("necessity 按 identity", csv);
    }

    [Fact]
    public async Task Raw_export_pages_through_more_responses_than_one_batch_with_ties_in_submission_time()
    {
        // Stored directly, many in the same minute, so the keyset (submitted-at, id) must break ties by id.
        var minute = new DateTime(2025, 3, 1, 9, 30, 0, DateTimeKind.Utc);
        var count = RawResponseTable.BatchSize * 2 + 37;
        var ids = await app.QueryAsync(async db =>
        {
            var responses = Enumerable.Range(0, count).Select(i => new SurveyResponse
            {
                Id = Guid.NewGuid(), QuestionnaireId = Id, QuestionnaireVersion = 1, SubmittedAt = minute.AddMinutes(i % 3),
                Answers = [new ResponseAnswer { QuestionnaireId = Id, QuestionId = "identity", OptionId = "member" }],
            }).ToList();
            db.Responses.AddRange(responses);
            await db.SaveChangesAsync();
            return responses.Select(r => r.Id.ToString()).ToHashSet();
        });
        var rows = ReadCsv(await app.CreateOrganiserClient().GetByteArrayAsync($"/api/questionnaires/{Id}/export.csv?from=2025-03-01&to=2025-03-01"));
        Assert.Equal(count, rows.Count);
        Assert.Equal(ids, rows.Select(r => r[RawResponseTable.ResponseIdColumn]).ToHashSet());
        var times = rows.Select(r => r[RawResponseTable.SubmittedAtColumn]).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
    }

    private static string Neutralised(string text) => CellText.Neutralise(text);

    private async Task<List<(Guid Id, DateTime SubmittedAt, HashSet<(string Question, string Option)> Answers, List<(string Question, string? Option, string Text)> Texts)>> StoredAsync(
        System.Linq.Expressions.Expression<Func<SurveyResponse, bool>>? where) => await app.QueryAsync(async db =>
    {
        var query = db.Responses.Where(r => r.QuestionnaireId == Id);
        if (where is not null) query = query.Where(where);
        var responses = await query.Include(r => r.Answers).Include(r => r.Texts).AsNoTracking().ToListAsync();
        return responses.Select(r => (r.Id, r.SubmittedAt,
            r.Answers.Select(a => (a.QuestionId, a.OptionId)).ToHashSet(),
            r.Texts.Select(t => (t.QuestionId, t.OptionId, t.Text)).ToList())).ToList();
    });

    /// <summary>Parses CSV with CsvHelper into rows keyed by header, checking every row has the header's width.</summary>
    public static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            Assert.Equal(header.Length, csv.Parser.Count);
            rows.Add(header.Select((h, i) => (h, csv.GetField(i)!)).ToDictionary(p => p.h, p => p.Item2));
        }
        return rows;
    }

    /// <summary>Reads every sheet's cells as text (shared and inline strings resolved; empty cells as "").</summary>
    public static List<(string Name, List<List<string>> Rows)> ReadXlsx(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheets = new List<(string, List<List<string>>)>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var rows = new List<List<string>>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < column) cells.Add("");
                    cells.Add(cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text)]
                        : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                        : cell.CellValue?.Text ?? "");
                }
                rows.Add(cells);
            }
            var width = rows.Count == 0 ? 0 : rows[0].Count;
            foreach (var row in rows) while (row.Count < width) row.Add("");
            sheets.Add((sheet.Name!.Value!, rows));
        }
        return sheets;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter)) index = index * 26 + (c - 'A' + 1);
        return index - 1;
    }
}

public sealed class ExportsApiSqliteTests(SqliteApp app) : ExportsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ExportsApiPostgresTests(PostgresApp app) : ExportsApiTests(app), IClassFixture<PostgresApp>;
