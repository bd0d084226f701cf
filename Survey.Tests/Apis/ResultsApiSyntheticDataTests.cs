using System.Net.Http.Json;
using System.Text.Json;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Apis;

/// <summary>
/// 10,000 seeded synthetic responses to each shipped questionnaire: every tally, interval, cross-tab cell and base the
/// API reports equals a count (and the textbook formula) computed here from the generated responses.
/// </summary>
public abstract class ResultsApiSyntheticDataTests(SeededApp app)
{
    private const string Grassroots = "grassroots-service";

    /// <summary>z for a two-sided 95% interval: qnorm(0.975) in R.</summary>
    private const double Z = 1.959963984540054;

    [Theory]
    [InlineData("answered")]
    [InlineData("shown")]
    [InlineData("all")]
    public async Task Every_tally_equals_an_independent_count_on_the_chosen_base(string basis)
    {
        var generated = app.Generated[Grassroots];
        var questionnaire = app.Questionnaire(Grassroots);
        var results = await Get($"/api/questionnaires/{Grassroots}/results?base={basis}");
        Assert.Equal(generated.Count, results.GetProperty("responses").GetInt64());
        Assert.Equal(basis, results.GetProperty("basis").GetString());

        foreach (var question in questionnaire.Questions.Where(q => q.Type != QuestionType.Text))
        {
            var result = QuestionOf(results, question.Id);
            var shown = generated.Count(g => IsShown(question, g));
            var answered = generated.Count(g => g.Answers.ContainsKey(question.Id));
            long expectedBase = basis switch { "answered" => answered, "shown" => shown, _ => generated.Count };
            Assert.Equal(expectedBase, result.GetProperty("base").GetInt64());
            Assert.Equal(shown, result.GetProperty("shown").GetInt64());
            Assert.Equal(answered, result.GetProperty("answered").GetInt64());
            Assert.Equal(shown - answered, result.GetProperty("noAnswer").GetInt64());

            var mentions = generated.Sum(g => g.Answers.GetValueOrDefault(question.Id)?.Length ?? 0);
            Assert.Equal(Math.Round((double)mentions / answered, 2), result.GetProperty("meanSelections").GetDouble(), 2);
            foreach (var option in result.GetProperty("options").EnumerateArray())
            {
                var optionId = option.GetProperty("optionId").GetString()!;
                var count = generated.Count(g => g.Answers.GetValueOrDefault(question.Id)?.Contains(optionId) == true);
                Assert.Equal(count, option.GetProperty("count").GetInt64());
                Assert.Equal(100.0 * count / expectedBase, option.GetProperty("percent").GetDouble(), 2);
                Assert.Equal(100.0 * count / mentions, option.GetProperty("percentOfResponses").GetDouble(), 2);
                var (low, high) = Wilson(count, expectedBase);
                Assert.Equal(100 * low, option.GetProperty("ciLow").GetDouble(), 2);
                Assert.Equal(100 * high, option.GetProperty("ciHigh").GetDouble(), 2);
            }
            var percentsOfResponses = result.GetProperty("options").EnumerateArray().Sum(o => o.GetProperty("percentOfResponses").GetDouble());
            Assert.Equal(100, percentsOfResponses, 0);
        }
    }

    [Fact]
    public async Task Every_crosstab_cell_and_column_base_equals_an_independent_count()
    {
        var generated = app.Generated[Grassroots];
        var questionnaire = app.Questionnaire(Grassroots);
        var identity = questionnaire.FindQuestion("identity")!;
        var results = await Get($"/api/questionnaires/{Grassroots}/results?by=identity");
        Assert.Equal("identity", results.GetProperty("by").GetString());

        foreach (var question in questionnaire.Questions.Where(q => q.Type != QuestionType.Text && q.Id != identity.Id))
        {
            var result = QuestionOf(results, question.Id);
            var crosstab = result.GetProperty("crosstab");
            var columns = crosstab.GetProperty("columns").EnumerateArray().ToList();
            Assert.Equal(identity.OptionList.Select(o => o.Id), columns.Select(c => c.GetProperty("optionId").GetString()));
            foreach (var column in columns)
            {
                var segment = generated.Where(g => g.Answers[identity.Id][0] == column.GetProperty("optionId").GetString() && g.Answers.ContainsKey(question.Id)).ToList();
                if (segment.Count < 5)
                {
                    Assert.True(column.GetProperty("suppressed").GetBoolean());
                    continue;
                }
                Assert.Equal(segment.Count, column.GetProperty("base").GetInt64());
                foreach (var cell in column.GetProperty("cells").EnumerateArray())
                {
                    var count = segment.Count(g => g.Answers[question.Id].Contains(cell.GetProperty("optionId").GetString()!));
                    Assert.Equal(count, cell.GetProperty("count").GetInt64());
                    Assert.Equal(100.0 * count / segment.Count, cell.GetProperty("percent").GetDouble(), 2);
                }
            }
            var test = result.GetProperty("test");
            Assert.Equal(question.Type == QuestionType.Multi ? "rao-scott-rs2" : "pearson-chi-square", test.GetProperty("name").GetString());
            var nonEmptyColumns = identity.OptionList.Count(o => generated.Any(g => g.Answers[identity.Id][0] == o.Id && g.Answers.ContainsKey(question.Id)));
            if (nonEmptyColumns < 2)
            {
                // Question 5 is shown to cadres only: one column has respondents, so there is nothing to compare.
                Assert.Equal(JsonValueKind.Null, test.GetProperty("p").ValueKind);
                Assert.Equal("无法检验（数据不足）", test.GetProperty("conclusion").GetString());
                continue;
            }
            var p = test.GetProperty("p").GetDouble();
            Assert.InRange(p, 0, 1);
            Assert.Equal(p < 0.05 ? "差异显著（p<0.05）" : "差异不显著（p≥0.05）", test.GetProperty("conclusion").GetString());
            if (question.Type == QuestionType.Single)
                Assert.Equal(PearsonStatistic(generated, question, identity), test.GetProperty("statistic").GetDouble(), 6);
        }
    }

    [Fact]
    public async Task The_satisfaction_indices_equal_the_mean_scores_of_the_generated_answers()
    {
        const string id = "resident-satisfaction";
        var generated = app.Generated[id];
        var questionnaire = app.Questionnaire(id);
        var satisfaction = await Get($"/api/questionnaires/{id}/satisfaction?by=identity");
        foreach (var item in satisfaction.GetProperty("items").EnumerateArray())
        {
            var question = questionnaire.FindQuestion(item.GetProperty("questionId").GetString()!)!;
            var scores = generated.Where(g => g.Answers.ContainsKey(question.Id))
                .Select(g => question.FindOption(g.Answers[question.Id][0])!.Score).ToList();
            var rated = scores.Where(s => s is not null).Select(s => s!.Value).ToList();
            Assert.Equal(rated.Count, item.GetProperty("n").GetInt64());
            Assert.Equal(scores.Count - rated.Count, item.GetProperty("unknown").GetInt64());
            Assert.Equal(rated.Average(), item.GetProperty("index").GetDouble(), 2);
            // 满意 (100) and 基本满意 (60) are above the scale's midpoint (50).
            Assert.Equal(100.0 * rated.Count(s => s >= 60) / rated.Count, item.GetProperty("satisfiedRate").GetDouble(), 2);
            var sd = Math.Sqrt(rated.Sum(s => (s - rated.Average()) * (s - rated.Average())) / (rated.Count - 1));
            // With n in the thousands the t quantile is within 0.001 of z, so the half-width is 1.96·sd/√n to 2 decimals.
            Assert.Equal(rated.Average() - Z * sd / Math.Sqrt(rated.Count), item.GetProperty("ciLow").GetDouble(), 1);
        }
        var segments = satisfaction.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(["resident", "member", "cadre"], segments.Select(s => s.GetProperty("optionId").GetString()));
        Assert.All(segments, s => Assert.False(s.GetProperty("suppressed").GetBoolean()));
        var overall = satisfaction.GetProperty("composite");
        var total = segments.Sum(s => s.GetProperty("composite").GetProperty("n").GetInt64());
        Assert.Equal(overall.GetProperty("n").GetInt64(), total);
    }

    private static bool IsShown(Question question, SyntheticResponses.Generated g) =>
        question.VisibleIf is not { } c || g.Answers.GetValueOrDefault(c.Question)?.Any(c.AnyOf.Contains) == true;

    /// <summary>Wilson score interval (Wilson 1927; Newcombe 1998 method 3), written out independently of the library.</summary>
    private static (double Low, double High) Wilson(long x, long n)
    {
        var p = (double)x / n;
        var denominator = 1 + Z * Z / n;
        var centre = (p + Z * Z / (2 * n)) / denominator;
        var half = Z * Math.Sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n)) / denominator;
        return (centre - half, centre + half);
    }

    /// <summary>Σ (observed − expected)² / expected over the r×c table of two single questions, respondents who answered both.</summary>
    private static double PearsonStatistic(List<SyntheticResponses.Generated> generated, Question rows, Question columns)
    {
        var both = generated.Where(g => g.Answers.ContainsKey(rows.Id) && g.Answers.ContainsKey(columns.Id)).ToList();
        double n = both.Count, statistic = 0;
        foreach (var r in rows.OptionList)
            foreach (var c in columns.OptionList)
            {
                var rowTotal = both.Count(g => g.Answers[rows.Id][0] == r.Id);
                var columnTotal = both.Count(g => g.Answers[columns.Id][0] == c.Id);
                if (rowTotal == 0 || columnTotal == 0) continue;
                var expected = rowTotal * columnTotal / n;
                var observed = both.Count(g => g.Answers[rows.Id][0] == r.Id && g.Answers[columns.Id][0] == c.Id);
                statistic += (observed - expected) * (observed - expected) / expected;
            }
        return statistic;
    }

    private static JsonElement QuestionOf(JsonElement results, string questionId) =>
        results.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("questionId").GetString() == questionId);

    private Task<JsonElement> Get(string url) => app.CreateOrganiserClient().GetFromJsonAsync<JsonElement>(url);
}

public sealed class ResultsApiSyntheticDataSqliteTests(TwentyThousandSqliteApp app) : ResultsApiSyntheticDataTests(app), IClassFixture<TwentyThousandSqliteApp>;

public sealed class ResultsApiSyntheticDataPostgresTests(TwentyThousandPostgresApp app) : ResultsApiSyntheticDataTests(app), IClassFixture<TwentyThousandPostgresApp>;
