using Survey.Api.Results;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Results;

/// <summary>
/// The aggregates the statistics are computed from (selection patterns, cross-tab cells, composite score moments),
/// computed by the database, equal the same quantities counted here from the generated responses.
/// </summary>
public abstract class SqlAggregatesTests(SeededApp app)
{
    private const string Grassroots = "grassroots-service";
    private const string Satisfaction = "resident-satisfaction";

    [Fact]
    public async Task Selection_patterns_equal_the_combinations_respondents_chose()
    {
        var questionnaire = app.Questionnaire(Grassroots);
        var problems = questionnaire.FindQuestion("problems")!;
        var patterns = await app.QueryAsync(db => SelectionPatterns.QueryAsync(db, questionnaire, problems, ResponseFilter.None, default));

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
        var bySegment = await app.QueryAsync(db => SelectionPatterns.QueryBySegmentAsync(db, questionnaire, problems, identity, ResponseFilter.None, default));

        foreach (var option in identity.OptionList)
        {
            var expected = app.Generated[Grassroots]
                .Where(g => g.Answers.ContainsKey(problems.Id) && g.Answers[identity.Id].Contains(option.Id))
                .GroupBy(g => Mask(problems, g.Answers[problems.Id]))
                .ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(expected.OrderBy(p => p.Key), bySegment[option.Id].OrderBy(p => p.Key));
        }
    }

    [Fact]
    public async Task Crosstab_cells_and_column_bases_equal_joint_counts()
    {
        var questionnaire = app.Questionnaire(Grassroots);
        var (ways, identity) = (questionnaire.FindQuestion("satisfying-ways")!, questionnaire.FindQuestion("identity")!);
        var counts = await app.QueryAsync(db => CrosstabCounts.QueryAsync(db, questionnaire, identity, ResponseFilter.None, default));

        var answeredBoth = app.Generated[Grassroots].Where(g => g.Answers.ContainsKey(ways.Id)).ToList();
        foreach (var column in identity.OptionList)
        {
            var inColumn = answeredBoth.Where(g => g.Answers[identity.Id].Contains(column.Id)).ToList();
            Assert.Equal(inColumn.Count, counts.ColumnBases.GetValueOrDefault((ways.Id, column.Id)));
            foreach (var row in ways.OptionList)
                Assert.Equal(inColumn.Count(g => g.Answers[ways.Id].Contains(row.Id)), counts.Cells.GetValueOrDefault((ways.Id, row.Id, column.Id)));
        }
    }

    [Fact]
    public async Task Filters_restrict_the_crosstab_and_the_patterns()
    {
        var questionnaire = app.Questionnaire(Grassroots);
        var (problems, identity) = (questionnaire.FindQuestion("problems")!, questionnaire.FindQuestion("identity")!);
        var cadres = new ResponseFilter(null, null, [("identity", "cadre")]);
        var counts = await app.QueryAsync(db => CrosstabCounts.QueryAsync(db, questionnaire, identity, cadres, default));
        var patterns = await app.QueryAsync(db => SelectionPatterns.QueryAsync(db, questionnaire, problems, cadres, default));

        var expected = app.Generated[Grassroots].Count(g => g.Answers.ContainsKey(problems.Id) && g.Answers[identity.Id].Contains("cadre"));
        Assert.Equal([("cadre", (long)expected)], counts.ColumnBases.Where(b => b.Key.Question == problems.Id).Select(b => (b.Key.Column, b.Value)));
        Assert.Equal(expected, patterns.Values.Sum());
    }

    [Fact]
    public async Task Composite_moments_equal_each_respondents_weighted_mean_score()
    {
        var questionnaire = app.Questionnaire(Satisfaction);
        var identity = questionnaire.FindQuestion("identity")!;
        var overall = await app.QueryAsync(db => CompositeScoreMoments.QueryAsync(db, questionnaire, ResponseFilter.None, default));
        var bySegment = await app.QueryAsync(db => CompositeScoreMoments.QueryBySegmentAsync(db, questionnaire, identity, ResponseFilter.None, default));

        AssertMoments(RespondentScores(questionnaire, app.Generated[Satisfaction]), overall);
        foreach (var option in identity.OptionList)
            AssertMoments(RespondentScores(questionnaire, app.Generated[Satisfaction].Where(g => g.Answers[identity.Id].Contains(option.Id))), bySegment[option.Id]);
    }

    private static void AssertMoments(List<double> scores, CompositeScoreMoments moments)
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

public sealed class SqlAggregatesSqliteTests(SeededSqliteApp app) : SqlAggregatesTests(app), IClassFixture<SeededSqliteApp>;

public sealed class SqlAggregatesPostgresTests(SeededPostgresApp app) : SqlAggregatesTests(app), IClassFixture<SeededPostgresApp>;
