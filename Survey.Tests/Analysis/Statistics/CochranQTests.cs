using Survey.Analysis.Statistics;

namespace Survey.Tests.Analysis.Statistics;

public class CochranQTests
{
    // WaveMetrics, Igor Pro statistics examples, "Cochran's Q test"
    // (https://www.wavemetrics.com/products/igorpro/dataanalysis/statistics/tests/statistics_pxp10):
    // 9 blocks × 5 groups; StatsCochranTest reports Statistic 5.56522, P-value 0.234056 for wave1
    // and Statistic 10.3636, P-value 0.0347281 for wave2. Rows copied from that page (Group1 … Group5).
    private static readonly string[] Wave1 = ["00001", "00001", "00011", "01011", "01010", "11010", "11000", "10000", "10000"];
    private static readonly string[] Wave2 = ["00001", "00001", "00011", "01011", "11011", "11011", "11010", "11000", "10000"];

    /// <summary>Group1 is bit 0 … Group5 is bit 4.</summary>
    private static Dictionary<long, long> Patterns(IEnumerable<string> rows) => rows
        .Select(row => row.Select((ch, item) => ch == '1' ? 1L << item : 0).Sum())
        .GroupBy(pattern => pattern)
        .ToDictionary(g => g.Key, g => (long)g.Count());

    [Fact]
    public void Matches_wavemetrics_first_example()
    {
        // Hand check: G = (4, 4, 0, 4, 4), T = 16, ΣL² = 34 -> Q = 4 · (5·64 − 256) / (5·16 − 34) = 256/46 = 5.565217.
        var result = CochranQ.Compute(5, Patterns(Wave1));

        Assert.Equal(5.56522, result.Q!.Value, 5);
        Assert.Equal(4, result.Df);
        Assert.Equal(0.234056, result.P!.Value, 6);
        Assert.Equal(9, result.Respondents);
    }

    [Fact]
    public void Matches_wavemetrics_second_example()
    {
        var result = CochranQ.Compute(5, Patterns(Wave2));

        Assert.Equal(10.3636, result.Q!.Value, 4);
        Assert.Equal(0.0347281, result.P!.Value, 7);
    }

    [Fact]
    public void McNemar_pairs_are_uncorrected_and_holm_adjusted()
    {
        // Hand computation on wave1: Group1 vs Group3 has b = 4 (blocks 6–9), c = 0 -> (4 − 0)²/4 = 4,
        // p = P(χ²₁ ≥ 4) = 0.04550026 (R: mcnemar.test(..., correct = FALSE)). The same holds for Group2, Group4
        // and Group5 against Group3; the other six pairs have b = c, so X² = 0 and p = 1. Holm over 10 pairs:
        // the four smallest get max(10·p, 9·p, 8·p, 7·p) = 0.4550026, the rest 1.
        var result = CochranQ.Compute(5, Patterns(Wave1), PairwiseAdjustment.Holm);

        var g1g3 = result.Pairs.Single(p => p.ItemA == 0 && p.ItemB == 2);
        Assert.Equal(4, g1g3.OnlyA);
        Assert.Equal(0, g1g3.OnlyB);
        Assert.Equal(4.0, g1g3.Statistic!.Value, 10);
        Assert.Equal(0.04550026, g1g3.P!.Value, 7);
        Assert.Equal(10, result.Pairs.Count);
        Assert.All(result.Pairs.Where(p => p.ItemA == 2 || p.ItemB == 2), p => Assert.Equal(0.4550026, p.AdjustedP!.Value, 6));
        Assert.All(result.Pairs.Where(p => p.ItemA != 2 && p.ItemB != 2), p =>
        {
            Assert.Equal(p.OnlyA, p.OnlyB);
            Assert.Equal(1.0, p.AdjustedP!.Value, 10);
        });
    }

    [Fact]
    public void Bonferroni_multiplies_by_the_number_of_pairs()
    {
        var result = CochranQ.Compute(5, Patterns(Wave1), PairwiseAdjustment.Bonferroni);

        var g1g3 = result.Pairs.Single(p => p.ItemA == 0 && p.ItemB == 2);
        Assert.Equal(PairwiseAdjustment.Bonferroni, result.Adjustment);
        Assert.Equal(10 * 0.04550026, g1g3.AdjustedP!.Value, 6);
    }

    [Fact]
    public void Holm_is_step_down_not_bonferroni()
    {
        // Three items, patterns by hand: item 0 only × 4, items 0+2 × 6, all three × 5. Discordant counts:
        // (0,1): b = 4 + 6 = 10, c = 0 -> X² = 10, p = 0.001565402; (1,2): b = 0, c = 6 -> X² = 6, p = 0.01430588;
        // (0,2): b = 4, c = 0 -> X² = 4, p = 0.04550026. Holm (m = 3): 3·0.001565402 = 0.004696206,
        // 2·0.01430588 = 0.02861176, 1·0.04550026 = 0.04550026 (Bonferroni would give 0.0429, 0.1365).
        var patterns = new Dictionary<long, long> { [0b001] = 4, [0b101] = 6, [0b111] = 5 };
        var result = CochranQ.Compute(3, patterns, PairwiseAdjustment.Holm);

        Assert.Equal(0.004696206, result.Pairs.Single(p => p.ItemA == 0 && p.ItemB == 1).AdjustedP!.Value, 8);
        Assert.Equal(0.02861176, result.Pairs.Single(p => p.ItemA == 1 && p.ItemB == 2).AdjustedP!.Value, 7);
        Assert.Equal(0.04550026, result.Pairs.Single(p => p.ItemA == 0 && p.ItemB == 2).AdjustedP!.Value, 7);
    }

    [Fact]
    public void A_pair_without_discordant_respondents_is_not_tested_or_counted()
    {
        // Everyone picks items 0 and 1 together: b = c = 0 for (0,1), so no statistic; Bonferroni then counts
        // only the two testable pairs: (0,2) and (1,2) each have b = 3, c = 0 -> X² = 3, p = 0.08326452, ×2 = 0.1665290.
        var patterns = new Dictionary<long, long> { [0b011] = 3, [0b111] = 2 };
        var result = CochranQ.Compute(3, patterns, PairwiseAdjustment.Bonferroni);

        var p01 = result.Pairs.Single(p => p.ItemA == 0 && p.ItemB == 1);
        Assert.Null(p01.Statistic);
        Assert.Null(p01.AdjustedP);
        Assert.Equal(0.1665290, result.Pairs.Single(p => p.ItemA == 0 && p.ItemB == 2).AdjustedP!.Value, 6);
    }
}
