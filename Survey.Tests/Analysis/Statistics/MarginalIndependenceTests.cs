using Survey.Analysis.Statistics;
using Xunit.Abstractions;

namespace Survey.Tests.Analysis.Statistics;

public class MarginalIndependenceTests(ITestOutputHelper output)
{
    private static IReadOnlyList<IReadOnlyDictionary<long, long>> Farmer1Levels()
    {
        Assert.Equal(262, Farmer1.Rows.Count);
        return Farmer1.PatternsByLevel();
    }

    [Fact]
    public void Per_item_chi_squares_match_MRCV_and_a_hand_count()
    {
        // Published (MRCV documentation, MI.test(farmer1, I = 1, J = 5)): 5.96, 7.89, 4.62, 1.42, 10.95.
        // Independent hand check of Y1: counts (selected, not) by Ed 1..5 from the TSV are
        // (19,69) (2,14) (1,30) (19,94) (3,11); column totals 44/218, n = 262; Σ(O−E)²/E = 5.9596.
        var result = MarginalIndependence.Compute(5, Farmer1Levels());

        double[] published = [5.96, 7.89, 4.62, 1.42, 10.95];
        for (int j = 0; j < 5; j++)
        {
            Assert.Equal(published[j], result.Items[j].Statistic!.Value, 2);
            Assert.Equal(4, result.Items[j].Df);
        }
        Assert.Equal(5.9596, result.Items[0].Statistic!.Value, 4);
    }

    [Fact]
    public void Sum_statistic_and_second_order_rao_scott_match_MRCV()
    {
        // Published: X²_S = 30.84; rs2: X²_S.adj = 28.68, df.adj = 18.6 (MRCV prints round(·, 2)), p.adj = 0.0632.
        var result = MarginalIndependence.Compute(5, Farmer1Levels());

        output.WriteLine($"X2_S = {result.SumOfItemChiSquares:R}; rs2 = {result.SecondOrder!.Statistic:R}, df = {result.SecondOrder.Df:R}, " +
                         $"p = {result.SecondOrder.P:R}; rs1 = {result.FirstOrder!.Statistic:R}, df = {result.FirstOrder.Df}, p = {result.FirstOrder.P:R}; " +
                         $"items = {string.Join(" ", result.Items.Select(i => i.Statistic))}; Bonferroni p = {result.BonferroniP:R}");
        Assert.Equal(30.84, result.SumOfItemChiSquares!.Value, 2);
        Assert.Equal(28.68, result.SecondOrder!.Statistic, 2);
        Assert.Equal(18.6, result.SecondOrder.Df, 1);
        Assert.Equal(0.0632, result.SecondOrder.P, 4);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Bonferroni_matches_MRCV()
    {
        // Published: Bonferroni p = 0.1357 = 5 × P(χ²₄ ≥ 10.95) (item Y5, the largest X²).
        var result = MarginalIndependence.Compute(5, Farmer1Levels());

        Assert.Equal(0.1357, result.BonferroniP!.Value, 4);
        Assert.Equal(result.Items[4].BonferroniP, result.BonferroniP);
        Assert.All(result.Items, i => Assert.Equal(Math.Min(1, 5 * i.P!.Value), i.BonferroniP!.Value, 12));
    }

    [Fact]
    public void First_order_divides_by_the_mean_eigenvalue_and_keeps_integer_df()
    {
        var result = MarginalIndependence.Compute(5, Farmer1Levels());

        Assert.Equal(20, result.FirstOrder!.Df); // (r − 1)c = 4 · 5
        // Same X²_S, divided by a positive mean eigenvalue; Satterthwaite's df is never larger than (r − 1)c.
        Assert.True(result.FirstOrder.Statistic > 0);
        Assert.True(result.SecondOrder!.Df <= result.FirstOrder.Df);
    }

    [Fact]
    public void An_item_nobody_selected_is_left_out_with_a_warning()
    {
        var levels = new List<IReadOnlyDictionary<long, long>>
        {
            new Dictionary<long, long> { [0b01] = 10, [0b00] = 5 },
            new Dictionary<long, long> { [0b01] = 3, [0b00] = 12 },
        };

        var result = MarginalIndependence.Compute(2, levels);

        Assert.Null(result.Items[1].Statistic);
        Assert.NotNull(result.Items[0].Statistic);
        Assert.NotEmpty(result.Warnings);
    }

    [Fact]
    public void Without_variation_within_levels_there_is_no_rao_scott_adjustment()
    {
        // Level 1 all pick item 0 only, level 2 all pick item 1 only: X²_S is large but every within-level
        // covariance is 0, so the design effect (and rs1/rs2) is undefined rather than infinite.
        var levels = new List<IReadOnlyDictionary<long, long>>
        {
            new Dictionary<long, long> { [0b01] = 10 },
            new Dictionary<long, long> { [0b10] = 10 },
        };

        var result = MarginalIndependence.Compute(2, levels);

        Assert.Null(result.SecondOrder);
        Assert.Null(result.FirstOrder);
        Assert.NotNull(result.SumOfItemChiSquares);
        Assert.NotEmpty(result.Warnings);
    }
}
