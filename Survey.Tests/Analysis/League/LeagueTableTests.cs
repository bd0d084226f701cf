using Survey.Analysis.Evaluation;
using Survey.Analysis.League;
using Survey.Analysis.Statistics;

namespace Survey.Tests.Analysis.League;

public class LeagueTableTests
{
    private static ScoreMoments Scores(long satisfied, long basically, long dissatisfied) =>
        new ScoreMoments().Add(100, satisfied).Add(60, basically).Add(0, dissatisfied);

    // Per-respondent scores on the seed scale (100/60/0), n = 40 each. References (scipy 1.10):
    //   east 87 (78.736049 … 95.263951), west 73 (61.544188 … 84.455812), south 56 (42.947604 … 69.052396);
    //   Welch p: east–west 0.0488098, east–south 0.000133164, west–south 0.0512918;
    //   Holm by hand: 3 × 0.000133164 = 0.000399492; 2 × 0.0488098 = 0.0976196; max(0.0976196, 1 × 0.0512918) = 0.0976196.
    //   Only east–south differs at 0.05 after adjustment (east–west would have without it) -> letters a, ab, b.
    private static readonly LeagueEntry East = new("east-street", "东街社区", Scores(30, 8, 2), Satisfied: 300, ScoredAnswers: 400);
    private static readonly LeagueEntry West = new("west-street", "西街社区", Scores(22, 12, 6), Satisfied: 250, ScoredAnswers: 400);
    private static readonly LeagueEntry South = new("south-village", "南村", Scores(14, 14, 12), Satisfied: 200, ScoredAnswers: 400);
    private static readonly LeagueEntry North = new("north-village", "北村", Scores(3, 0, 0), Satisfied: 30, ScoredAnswers: 30);
    private static readonly LeagueEntry Hill = new("hill-village", "山村", Scores(2, 1, 1), Satisfied: 20, ScoredAnswers: 40);

    [Fact]
    public void Rows_are_sorted_with_intervals_ranks_and_Holm_adjusted_letters()
    {
        var league = LeagueTable.Compute([South, North, East, Hill, West], EvaluationWeights.Default, suppressionThreshold: 5);

        Assert.False(league.RankedByComposite);
        Assert.Equal(["east-street", "west-street", "south-village", "north-village", "hill-village"], league.Rows.Select(r => r.Id));
        var (east, west, south) = (league.Rows[0], league.Rows[1], league.Rows[2]);
        Assert.Equal((1, 2, 3), (east.Rank, west.Rank, south.Rank));
        Assert.Equal(("a", "ab", "b"), (east.Letters, west.Letters, south.Letters));
        Assert.Equal(87, east.Index!.Index!.Value, 9);
        Assert.Equal(61.544188, west.Index!.CiLow!.Value, 5);
        Assert.Equal(69.052396, south.Index!.CiHigh!.Value, 5);
        // Satisfied 300 of 400 answers; Wilson by hand (z = 1.959964): centre 0.7476219, half-width 0.0422991 -> 0.705323 … 0.789921.
        Assert.Equal(0.75, east.SatisfiedRate!.Value, 12);
        Assert.Equal(0.705323, east.SatisfiedInterval!.Value.Low, 6);
        Assert.Equal(0.789921, east.SatisfiedInterval!.Value.High, 6);
        Assert.Null(east.Composite);
    }

    [Fact]
    public void Small_organisations_are_listed_as_too_few_and_not_ranked()
    {
        // North has 3 respondents (< 5); Hill (4) is withheld as its complement so North cannot be recovered from the total.
        var league = LeagueTable.Compute([East, North, Hill, West, South], EvaluationWeights.Default, 5);

        var withheld = league.Rows.Where(r => r.Suppressed).ToList();
        Assert.Equal(["north-village", "hill-village"], withheld.Select(r => r.Id));
        Assert.All(withheld, r => Assert.Null(r.Rank));
        Assert.All(withheld, r => Assert.Null(r.Index));
        Assert.All(withheld, r => Assert.Equal("", r.Letters));
        Assert.Equal("样本不足", LeagueRow.SuppressedLabel);
    }

    [Fact]
    public void When_every_ranked_organisation_has_both_scores_the_composite_ranks_them()
    {
        // Composites (0.5/0.3/0.2): east 43.5 + 0.3·60 + 0.2·60 = 73.5; west 36.5 + 0.3·100 + 0.2·100 = 86.5;
        // south 28 + 0.3·80 + 0.2·80 = 68. West now leads. Welch on the per-respondent composites 0.5·x + c (scipy 1.10 on
        // the transformed samples): west–east p = 0.000391266, west–south 4.80302e-5, east–south 0.154531;
        // Holm: 3 × 4.80302e-5 = 0.000144, 2 × 0.000391266 = 0.000783, 0.154531 -> west a, east b, south b.
        var league = LeagueTable.Compute(
            [East with { Review = 60, Self = 60 }, West with { Review = 100, Self = 100 }, South with { Review = 80, Self = 80 }],
            EvaluationWeights.Default, 5);

        Assert.True(league.RankedByComposite);
        Assert.Equal(["west-street", "east-street", "south-village"], league.Rows.Select(r => r.Id));
        Assert.Equal(86.5, league.Rows[0].Composite!.Index!.Value, 9);
        Assert.Equal(73.5, league.Rows[1].Composite!.Index!.Value, 9);
        Assert.Equal(68, league.Rows[2].Composite!.Index!.Value, 9);
        Assert.Equal(["a", "b", "b"], league.Rows.Select(r => r.Letters));
    }

    [Fact]
    public void Equal_means_share_a_rank()
    {
        var league = LeagueTable.Compute([East, East with { Id = "twin", Label = "双子社区" }, South], EvaluationWeights.Default, 5);

        Assert.Equal([1, 1, 3], league.Rows.Select(r => r.Rank!.Value));
    }
}
