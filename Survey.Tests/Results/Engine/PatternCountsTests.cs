using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Results;
using Survey.Api.Results.Engine;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Results.Engine;

/// <summary>
/// The counts the statistics are computed from (selection patterns, cross-tab cells, composite score moments),
/// computed by the engine's pass over the stored rows, equal the same quantities counted here from the generated responses.
/// </summary>
public abstract class PatternCountsTests(SeededApp app)
{
    private Task<PatternCounts> CountAsync(Questionnaire questionnaire, ResponseFilter filter, Question? by = null) =>
        app.Services.CreateScope().ServiceProvider.GetRequiredService<ResultsService>().CountAsync(questionnaire, filter, by, null, default);

    private const string Grassroots = "grassroots-service";
    private const string Satisfaction = "resident-satisfaction";

    [Fact]
    public async Task Selection_patterns_equal_the_combinations_respondents_chose()
    {
        var questionnaire = app.Questionnaire(Grassroots);
        var problems = questionnaire.FindQuestion("problems")!;
        var patterns = (await CountAsync(questionnaire, ResponseFilter.None)).Questions[problems.Id].Patterns();

        var expected = app.Generated[Grassroots]
            .Where(g => g.Answers.ContainsKey(problems.Id))
            .GroupBy(g => Mask(problems, g.Answers[problems.Id]))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(p => p.Key), patterns.OrderBy(p => p.Key));
        Assert.True(expected.Count > 5, "the synthetic data should have several different combinations");
    }

    [Fact]
    public async Task Selection_patterns_by_segment_split_the_respondents_by_their_identity()
    {
        var questionnaire = app.Questionnaire(Grassroots);
        var (problems, identity) = (questionnaire.FindQuestion("problems")!, questionnaire.FindQuestion("identity")!);
        var counts = (await CountAsync(questionnaire, ResponseFilter.None, identity)).Questions[problems.Id];

        foreach (var (option, level) in identity.OptionList.Select((o, i) => (o, i + 1)))
        {
            var expected = app.Generated[Grassroots]
                .Where(g => g.Answers.ContainsKey(problems.Id) && g.Answers[identity.Id].Contains(option.Id))
                .GroupBy(g => Mask(problems, g.Answers[problems.Id]))
                .ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(expected.OrderBy(p => p.Key), counts.Patterns(level).OrderBy(p => p.Key));
        }
    }

    [Fact]
    public async Task Crosstab_cells_and_column_bases_equal_joint_counts()
    {
        var questionnaire = app.Questionnaire(Grassroots);
        var (ways, identity) = (questionnaire.FindQuestion("satisfying-ways")!, questionnaire.FindQuestion("identity")!);
        var input = QuestionnaireAnalyser.CrosstabInputOf((await CountAsync(questionnaire, ResponseFilter.None, identity)).Questions[ways.Id], identity);

        var answeredBoth = app.Generated[Grassroots].Where(g => g.Answers.ContainsKey(ways.Id)).ToList();
        foreach (var (column, c) in identity.OptionList.Select((o, i) => (o, i)))
        {
            var inColumn = answeredBoth.Where(g => g.Answers[identity.Id].Contains(column.Id)).ToList();
            Assert.Equal(inColumn.Count, input.ColumnBases[c]);
            foreach (var (row, r) in ways.OptionList.Select((o, i) => (o, i)))
                Assert.Equal(inColumn.Count(g => g.Answers[ways.Id].Contains(row.Id)), input.Counts[r, c]);
        }
    }

    [Fact]
    public async Task Filters_restrict_the_crosstab_and_the_patterns()
    {
        var questionnaire = app.Questionnaire(Grassroots);
        var (problems, identity) = (questionnaire.FindQuestion("problems")!, questionnaire.FindQuestion("identity")!);
        var cadres = new ResponseFilter(null, null, [("identity", "cadre")]);
        var counts = await CountAsync(questionnaire, cadres, identity);
        var input = QuestionnaireAnalyser.CrosstabInputOf(counts.Questions[problems.Id], identity);

        var expected = app.Generated[Grassroots].Count(g => g.Answers.ContainsKey(problems.Id) && g.Answers[identity.Id].Contains("cadre"));
        Assert.Equal(identity.OptionList.Select(o => o.Id == "cadre" ? expected : 0L), input.ColumnBases);
        Assert.Equal(expected, counts.Questions[problems.Id].Patterns().Values.Sum());
    }

    [Fact]
    public async Task Composite_moments_equal_each_respondents_weighted_mean_score()
    {
        var questionnaire = app.Questionnaire(Satisfaction);
        var identity = questionnaire.FindQuestion("identity")!;
        var counts = await CountAsync(questionnaire, ResponseFilter.None, identity);

        AssertMoments(RespondentScores(questionnaire, app.Generated[Satisfaction]), counts.Composite);
        foreach (var (option, level) in identity.OptionList.Select((o, i) => (o, i + 1)))
            AssertMoments(RespondentScores(questionnaire, app.Generated[Satisfaction].Where(g => g.Answers[identity.Id].Contains(option.Id))), counts.CompositeByLevel[level]);
    }

    private static void AssertMoments(List<double> scores, CompositeMoments moments)
    {
        Assert.Equal(scores.Count, moments.N);
        Assert.Equal(scores.Sum(), moments.Sum, 6);
        Assert.Equal(scores.Sum(s => s * s), moments.SumOfSquares, 3);
    }

    /// <summary>Each respondent's Σ weight·score / Σ weight over the scored items they rated (不了解 left out).</summary>
    private static List<double> RespondentScores(Questionnaire questionnaire, IEnumerable<SyntheticResponses.Generated> generated) =>
        generated.Select(g =>
            {
                var rated = questionnaire.Questions.Where(q => q.IsScored && g.Answers.ContainsKey(q.Id))
                    .Select(q => (q.EffectiveWeight, Score: q.FindOption(g.Answers[q.Id][0])!.Score))
                    .Where(r => r.Score is not null).ToList();
                return rated.Count == 0 ? (double?)null : rated.Sum(r => r.EffectiveWeight * r.Score!.Value) / rated.Sum(r => r.EffectiveWeight);
            })
            .Where(s => s is not null).Select(s => s!.Value).ToList();

    private static long Mask(Question question, IEnumerable<string> chosen) =>
        chosen.Aggregate(0L, (mask, option) => mask | 1L << question.OptionList.ToList().FindIndex(o => o.Id == option));
}

public sealed class PatternCountsSqliteTests(SeededSqliteApp app) : PatternCountsTests(app), IClassFixture<SeededSqliteApp>;

public sealed class PatternCountsPostgresTests(SeededPostgresApp app) : PatternCountsTests(app), IClassFixture<SeededPostgresApp>;
