using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Survey.Analysis.Wording;
using Survey.Api.Exports;
using Survey.Tests.Organiser;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Apis;

/// <summary>
/// 20,000 responses per questionnaire: every organiser route, asked with a date filter, an answer filter and a
/// break-down together (the combination that never came back from the old SQL self-join on SQLite), answers, and
/// the figures equal a recount of the generated responses under the same filters: the JSON, and the figures organisers
/// read in tallies.xlsx, the report bundle (its workbook, CSV and summary.html) and the dashboard page.
/// </summary>
public abstract class OrganiserRoutesAtScaleTests(SeededApp app)
{
    private const string Grassroots = "grassroots-service", Satisfaction = "resident-satisfaction";

    [Fact]
    public async Task Every_organiser_route_answers_with_from_where_and_by_together_and_the_figures_equal_a_recount()
    {
        var organiser = app.CreateOrganiserClient();
        var from = DateTime.UtcNow.Date.AddDays(-12).ToString("yyyy-MM-dd");
        var query = $"?from={from}&where=necessity:very-necessary&by=identity";
        var expected = await FilteredAsync(Grassroots, from, "necessity", "very-necessary");
        Assert.InRange(expected.Count, 1000, app.Generated[Grassroots].Count - 1000);

        var results = await organiser.GetFromJsonAsync<JsonElement>($"/api/questionnaires/{Grassroots}/results{query}");
        Assert.Equal(expected.Count, results.GetProperty("responses").GetInt64());
        var questionnaire = app.Questionnaire(Grassroots);
        foreach (var question in questionnaire.Questions.Where(q => q.Type != QuestionType.Text))
        {
            var result = results.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("questionId").GetString() == question.Id);
            var answered = expected.Where(g => g.Answers.ContainsKey(question.Id)).ToList();
            Assert.Equal(answered.Count, result.GetProperty("answered").GetInt64());
            foreach (var option in result.GetProperty("options").EnumerateArray())
                Assert.Equal(answered.Count(g => g.Answers[question.Id].Contains(option.GetProperty("optionId").GetString()!)), option.GetProperty("count").GetInt64());
            if (question.Id == "identity") continue;
            foreach (var column in result.GetProperty("crosstab").GetProperty("columns").EnumerateArray().Where(c => !c.GetProperty("suppressed").GetBoolean()))
            {
                var inColumn = answered.Where(g => g.Answers["identity"][0] == column.GetProperty("optionId").GetString()).ToList();
                Assert.Equal(inColumn.Count, column.GetProperty("base").GetInt64());
                foreach (var cell in column.GetProperty("cells").EnumerateArray())
                    Assert.Equal(inColumn.Count(g => g.Answers[question.Id].Contains(cell.GetProperty("optionId").GetString()!)), cell.GetProperty("count").GetInt64());
            }
        }

        var export = Downloads.ReadCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Grassroots}/export.csv{query}"), keyed: true);
        Assert.Equal(expected.Count, export.Count);
        foreach (var url in new[]
                 {
                     $"/api/questionnaires/{Grassroots}/charts/problems.png{query}", $"/api/questionnaires/{Grassroots}/charts/necessity.svg{query}",
                     $"/api/questionnaires/{Grassroots}/export.xlsx{query}", $"/api/questionnaires/{Grassroots}/tallies.csv{query}", "/admin/",
                 })
        {
            var response = await organiser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }

        // The downloads and the page hold the same figures as the recount, not just a 200.
        var recount = Recount.Of(questionnaire, expected, "identity");
        AssertTallyWorkbook(questionnaire, recount, await organiser.GetByteArrayAsync($"/api/questionnaires/{Grassroots}/tallies.xlsx{query}"));

        using var zip = new ZipArchive(new MemoryStream(await organiser.GetByteArrayAsync($"/api/questionnaires/{Grassroots}/report.zip{query}")));
        AssertTallyWorkbook(questionnaire, recount, Entry(zip, "tables/tallies.xlsx"));
        foreach (var row in Downloads.ReadCsv(Entry(zip, "tables/tallies.csv")))
        {
            var counted = recount.Questions[row["题目编号"]];
            Assert.Equal(counted.Counts[counted.Question.OptionList.ToList().FindIndex(o => o.Id == row["选项编号"])], long.Parse(row["人数"]));
            Assert.Equal(counted.Answered, long.Parse(row["基数"]));
        }
        foreach (var question in questionnaire.Questions.Where(q => q.Type != QuestionType.Text))
        {
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Entry(zip, $"charts/{question.Id}.png")[..4]);
            Assert.Contains("<svg", Encoding.UTF8.GetString(Entry(zip, $"charts/{question.Id}.svg")));
        }
        AssertSections(questionnaire, recount, Encoding.UTF8.GetString(Entry(zip, "summary.html")));

        var page = await organiser.GetStringAsync($"/admin/q/{Grassroots}{query}");
        Assert.Contains($"<strong>{expected.Count}</strong> 份答卷", page);
        AssertSections(questionnaire, recount, page);
    }

    [Fact]
    public async Task The_satisfaction_routes_answer_with_from_where_and_by_together_and_the_indices_equal_a_recount()
    {
        var organiser = app.CreateOrganiserClient();
        var from = DateTime.UtcNow.Date.AddDays(-12).ToString("yyyy-MM-dd");
        var query = $"?from={from}&where=community:east-street&by=identity";
        var expected = await FilteredAsync(Satisfaction, from, "community", "east-street");
        var questionnaire = app.Questionnaire(Satisfaction);

        var satisfaction = await organiser.GetFromJsonAsync<JsonElement>($"/api/questionnaires/{Satisfaction}/satisfaction{query}");
        Assert.Equal(expected.Count, satisfaction.GetProperty("responses").GetInt64());
        foreach (var item in satisfaction.GetProperty("items").EnumerateArray())
        {
            var question = questionnaire.FindQuestion(item.GetProperty("questionId").GetString()!)!;
            var rated = expected.Where(g => g.Answers.ContainsKey(question.Id)).Select(g => question.FindOption(g.Answers[question.Id][0])!.Score)
                .Where(s => s is not null).Select(s => s!.Value).ToList();
            Assert.Equal(rated.Count, item.GetProperty("n").GetInt64());
            Assert.Equal(rated.Average(), item.GetProperty("index").GetDouble(), 2);
        }
        Assert.True((await organiser.GetAsync($"/api/questionnaires/{Satisfaction}/satisfaction/chart.png{query}")).StatusCode == HttpStatusCode.OK);

        // The indices in the bundle's workbook (unrounded) and on the page (one decimal) equal the recount too.
        var scored = questionnaire.Questions.Where(q => q.IsScored).ToList();
        List<double> Rated(Question question) => expected.Where(g => g.Answers.ContainsKey(question.Id))
            .Select(g => question.FindOption(g.Answers[question.Id][0])!.Score).OfType<double>().ToList();
        using var zip = new ZipArchive(new MemoryStream(await organiser.GetByteArrayAsync($"/api/questionnaires/{Satisfaction}/report.zip{query}")));
        var (header, rows) = Downloads.ReadXlsx(Entry(zip, "tables/tallies.xlsx")).Single(s => s.Name == TallyTables.SatisfactionTitle).Table("题目编号");
        foreach (var question in scored)
        {
            var row = rows.Single(r => r[0] == question.Id);
            Assert.Equal(Rated(question).Count, long.Parse(row[header.IndexOf("评分人数")]));
            Assert.Equal(Rated(question).Average(), double.Parse(row[header.IndexOf("满意度指数(0–100)")], CultureInfo.InvariantCulture), 1e-9);
        }

        var page = await organiser.GetStringAsync($"/admin/q/{Satisfaction}{query}");
        var satisfactionSection = Section(page, "<section class=\"satisfaction\"");
        var itemRows = Regex.Matches(satisfactionSection, """<tr><td>[^<]*</td><td class="number">([0-9.]+)</td><td class="number">[^<]*</td><td class="number">[^<]*</td><td class="number">(\d+)</td>""");
        Assert.Equal(scored.Count, itemRows.Count);
        foreach (var (question, row) in scored.Zip(itemRows))
        {
            Assert.Equal(Rated(question).Count, long.Parse(row.Groups[2].Value));
            Assert.Equal(Rated(question).Average(), double.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture), 0.0501);
        }
    }

    /// <summary>Per choice question of the filtered responses: answered, option counts, and by the break-down's options (column j) the column bases and cells.</summary>
    private sealed record QuestionRecount(Question Question, long Answered, long[] Counts, long[] ColumnBases, long[,] Cells);

    private sealed record Recount(IReadOnlyDictionary<string, QuestionRecount> Questions)
    {
        public static Recount Of(Questionnaire questionnaire, IReadOnlyList<SyntheticResponses.Generated> responses, string by)
        {
            var columns = questionnaire.FindQuestion(by)!.OptionList.Select(o => o.Id).ToList();
            var questions = new Dictionary<string, QuestionRecount>();
            foreach (var question in questionnaire.Questions.Where(q => q.Type != QuestionType.Text))
            {
                var options = question.OptionList.Select(o => o.Id).ToList();
                var answered = responses.Where(g => g.Answers.ContainsKey(question.Id)).ToList();
                var cells = new long[options.Count, columns.Count];
                var bases = new long[columns.Count];
                foreach (var response in answered)
                {
                    var column = columns.IndexOf(response.Answers[by][0]);
                    bases[column]++;
                    foreach (var chosen in response.Answers[question.Id]) cells[options.IndexOf(chosen), column]++;
                }
                questions[question.Id] = new QuestionRecount(question, answered.Count,
                    options.Select(o => answered.LongCount(g => g.Answers[question.Id].Contains(o))).ToArray(), bases, cells);
            }
            return new Recount(questions);
        }
    }

    /// <summary>
    /// tallies.xlsx: the 频数表 sheet's count, percent (a fraction, unrounded) and base per option, and each cross-tab sheet's
    /// column bases and cells ("不适用" where the column was never asked).
    /// </summary>
    private static void AssertTallyWorkbook(Questionnaire questionnaire, Recount recount, byte[] xlsx)
    {
        var sheets = Downloads.ReadXlsx(xlsx);
        var (header, rows) = sheets.Single(s => s.Name == TallyTables.TalliesTitle).Table("题号");
        int Column(string name) => header.IndexOf(name);
        Assert.Equal(recount.Questions.Values.Sum(q => q.Counts.Length), rows.Count);
        foreach (var row in rows)
        {
            var counted = recount.Questions[row[Column("题目编号")]];
            var option = counted.Question.OptionList.ToList().FindIndex(o => o.Id == row[Column("选项编号")]);
            Assert.Equal(counted.Counts[option], long.Parse(row[Column("人数")]));
            Assert.Equal(counted.Answered, long.Parse(row[Column("基数")]));
            Assert.Equal(100.0 * counted.Counts[option] / counted.Answered, 100 * double.Parse(row[Column("百分比(%)")], CultureInfo.InvariantCulture), 1e-9);
        }

        foreach (var (question, number) in questionnaire.Questions.Select((q, i) => (q, i + 1)).Where(q => q.q.Type != QuestionType.Text && q.q.Id != "identity"))
        {
            var counted = recount.Questions[question.Id];
            var sheet = sheets.Single(s => s.Rows[0].Count > 0 && s.Rows[0][0].StartsWith($"{number}. "));
            var (crossHeader, crossRows) = sheet.Table("选项");
            Assert.Equal("基数", crossRows[0][0]);
            for (var column = 0; column < counted.ColumnBases.Length; column++)
            {
                var at = crossHeader.FindIndex(h => h.EndsWith($"({(char)('A' + column)}) 人数"));
                if (counted.ColumnBases[column] == 0)
                {
                    Assert.Equal(Labels.NotAsked, crossRows[0][at]);
                    continue;
                }
                Assert.Equal(counted.ColumnBases[column], long.Parse(crossRows[0][at]));
                for (var option = 0; option < counted.Counts.Length; option++)
                    Assert.Equal(counted.Cells[option, column], long.Parse(crossRows[1 + option][at]));
            }
        }
    }

    /// <summary>
    /// The dashboard's (and summary.html's) question sections: the base line, each option's count and percent (one
    /// decimal), and the cross-tab's column bases and cells.
    /// </summary>
    private static void AssertSections(Questionnaire questionnaire, Recount recount, string html)
    {
        foreach (var counted in recount.Questions.Values)
        {
            var section = Section(html, $"id=\"q-{counted.Question.Id}\"");
            Assert.Contains($"基数 n = {counted.Answered}（", section);
            Assert.Contains($"回答 {counted.Answered} 人", section);
            var tally = Regex.Matches(Between(section, "<table class=\"tally\">", "</table>"), """<tr><td>[^<]*</td><td class="number">(\d+)</td><td class="number">([0-9.]+)</td>""");
            Assert.Equal(counted.Counts.Length, tally.Count);
            for (var option = 0; option < counted.Counts.Length; option++)
            {
                Assert.Equal(counted.Counts[option], long.Parse(tally[option].Groups[1].Value));
                Assert.Equal(100.0 * counted.Counts[option] / counted.Answered, double.Parse(tally[option].Groups[2].Value, CultureInfo.InvariantCulture), 0.0501);
            }
            if (counted.Question.Id == "identity") continue;

            var crosstab = Between(section, "<div class=\"crosstab\">", "</table>");
            var bases = Regex.Matches(crosstab, """<th class="number">[^<]* \(([A-Z])\)<div class="muted">([^<]*)</div></th>""");
            Assert.Equal(counted.ColumnBases.Length, bases.Count);
            var cellRows = Regex.Matches(Between(crosstab, "<tbody>", "</tbody>"), "<tr>(.*?)</tr>", RegexOptions.Singleline);
            Assert.Equal(counted.Counts.Length, cellRows.Count);
            for (var column = 0; column < counted.ColumnBases.Length; column++)
            {
                if (counted.ColumnBases[column] == 0)
                {
                    Assert.Equal(Labels.NotAsked, bases[column].Groups[2].Value);
                    continue;
                }
                Assert.Equal($"n = {counted.ColumnBases[column]}", bases[column].Groups[2].Value);
                for (var option = 0; option < counted.Counts.Length; option++)
                {
                    var cells = Regex.Matches(cellRows[option].Groups[1].Value, """<td class="number[^"]*"[^>]*>([^<]*)""");
                    Assert.Equal($"{counted.Cells[option, column]} ", cells[column].Groups[1].Value);
                }
            }
        }
    }

    /// <summary>From the element that starts with <paramref name="opening"/> to the next &lt;/section&gt;.</summary>
    private static string Section(string html, string opening) => Between(html, opening, "</section>");

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"{start} not found");
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return text[from..(to < 0 ? text.Length : to)];
    }

    private static byte[] Entry(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// The generated responses submitted on or after <paramref name="from"/> (a Beijing day: from 16:00 UTC the day before)
    /// that chose the option (stored order = generated order).
    /// </summary>
    private async Task<List<SyntheticResponses.Generated>> FilteredAsync(string id, string from, string question, string option)
    {
        var start = DateTime.SpecifyKind(DateTime.Parse(from), DateTimeKind.Utc).AddHours(-8);
        var times = await app.QueryAsync(db => db.Responses.Where(r => r.QuestionnaireId == id).OrderBy(r => r.Seq).Select(r => r.SubmittedAt).ToListAsync());
        return app.Generated[id].Where((g, i) => times[i] >= start && g.Answers.GetValueOrDefault(question)?.Contains(option) == true).ToList();
    }
}

public sealed class OrganiserRoutesAtScaleSqliteTests(TwentyThousandSqliteApp app) : OrganiserRoutesAtScaleTests(app), IClassFixture<TwentyThousandSqliteApp>;

public sealed class OrganiserRoutesAtScalePostgresTests(TwentyThousandPostgresApp app) : OrganiserRoutesAtScaleTests(app), IClassFixture<TwentyThousandPostgresApp>;
