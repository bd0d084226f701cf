using Survey.Analysis.Evaluation;
using Survey.Analysis.Statistics;

namespace Survey.Tests.Analysis.Evaluation;

public class ThreeStepCompositeTests
{
    // Residents: 100×30, 60×8, 0×2 (n = 40): mean 87, t interval 78.736049 … 95.263951
    // (scipy 1.10: stats.t.interval(0.95, 39, loc=87, scale=stats.sem(x))).
    private static readonly ScoreMoments Residents = new ScoreMoments().Add(100, 30).Add(60, 8).Add(0, 2);

    [Fact]
    public void Composite_is_the_weighted_sum_and_its_interval_is_the_residents_one_scaled_by_their_weight()
    {
        // 0.5·87 + 0.3·90 + 0.2·95 = 43.5 + 27 + 19 = 89.5; half-width 0.5 · (95.263951 − 87) = 4.131975.
        var composite = ThreeStepComposite.Compute(Residents, review: 90, self: 95, EvaluationWeights.Default);

        Assert.Equal(89.5, composite.Index!.Value, 9);
        Assert.Equal(85.368025, composite.CiLow!.Value, 5);
        Assert.Equal(93.631975, composite.CiHigh!.Value, 5);
        Assert.Equal(40, composite.N);
    }

    [Fact]
    public void Other_weights_change_the_sum()
    {
        // 0.6·87 + 0.25·50 + 0.15·100 = 52.2 + 12.5 + 15 = 79.7; half-width 0.6 · 8.263951 = 4.958371.
        var composite = ThreeStepComposite.Compute(Residents, 50, 100, new EvaluationWeights(0.6, 0.25, 0.15));

        Assert.Equal(79.7, composite.Index!.Value, 9);
        Assert.Equal(79.7 - 4.958371, composite.CiLow!.Value, 5);
    }

    [Fact]
    public void Scores_outside_0_to_100_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreeStepComposite.Compute(Residents, 101, 50, EvaluationWeights.Default));
    }
}
