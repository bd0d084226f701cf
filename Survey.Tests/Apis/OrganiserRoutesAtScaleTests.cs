using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Survey.Tests.Organiser;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Apis;

/// <summary>
/// 20,000 responses per questionnaire: every organiser route, asked with a date filter, an answer filter and a
/// break-down together (the combination that never came back from the old SQL self-join on SQLite), answers, and
/// the figures equal a recount of the generated responses under the same filters.
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
                     $"/api/questionnaires/{Grassroots}/export.xlsx{query}", $"/api/questionnaires/{Grassroots}/tallies.csv{query}",
                     $"/api/questionnaires/{Grassroots}/tallies.xlsx{query}", $"/api/questionnaires/{Grassroots}/report.zip{query}",
                     $"/admin/q/{Grassroots}{query}", "/admin/",
                 })
        {
            var response = await organiser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }
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
        foreach (var url in new[] { $"/api/questionnaires/{Satisfaction}/satisfaction/chart.png{query}", $"/admin/q/{Satisfaction}{query}", $"/api/questionnaires/{Satisfaction}/report.zip{query}" })
            Assert.True((await organiser.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
    }

    /// <summary>The generated responses submitted on or after <paramref name="from"/> that chose the option (stored order = generated order).</summary>
    private async Task<List<SyntheticResponses.Generated>> FilteredAsync(string id, string from, string question, string option)
    {
        var start = DateTime.SpecifyKind(DateTime.Parse(from), DateTimeKind.Utc);
        var times = await app.QueryAsync(db => db.Responses.Where(r => r.QuestionnaireId == id).OrderBy(r => r.Seq).Select(r => r.SubmittedAt).ToListAsync());
        return app.Generated[id].Where((g, i) => times[i] >= start && g.Answers.GetValueOrDefault(question)?.Contains(option) == true).ToList();
    }
}

public sealed class OrganiserRoutesAtScaleSqliteTests(TwentyThousandSqliteApp app) : OrganiserRoutesAtScaleTests(app), IClassFixture<TwentyThousandSqliteApp>;

public sealed class OrganiserRoutesAtScalePostgresTests(TwentyThousandPostgresApp app) : OrganiserRoutesAtScaleTests(app), IClassFixture<TwentyThousandPostgresApp>;
