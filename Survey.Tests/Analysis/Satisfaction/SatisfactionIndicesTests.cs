using Survey.Analysis.Satisfaction;

namespace Survey.Tests.Analysis.Satisfaction;

public class SatisfactionIndicesTests
{
    // Hand computation for scores 100×3, 75×4, 50×2, 25×1 (n = 10):
    //   mean = (300 + 300 + 100 + 25)/10 = 72.5
    //   Σ(x − mean)² = 3·27.5² + 4·2.5² + 2·22.5² + 47.5² = 2268.75 + 25 + 1012.5 + 2256.25 = 5562.5
    //   s² = 5562.5/9 = 618.0556, s = 24.8607, SE = s/√10 = 7.86165
    //   t(0.975, 9) = 2.262157 (Student t table) -> half-width 17.7843 -> CI 54.7157 … 90.2843
    //   satisfied (100 and 75 count) = 7 of 10 -> 70 %.
    private static readonly SatisfactionItemInput Item = new("q1", "办事效率", 1,
        [new ScoreCount(100, 3, true), new ScoreCount(75, 4, true), new ScoreCount(50, 2, false), new ScoreCount(25, 1, false), new ScoreCount(0, 0, false)],
        Unknown: 5);

    [Fact]
    public void Item_index_is_the_mean_with_a_t_interval()
    {
        var index = SatisfactionIndices.Item(Item);

        Assert.Equal(72.5, index.Index!.Value, 10);
        Assert.Equal(54.7157, index.CiLow!.Value, 3);
        Assert.Equal(90.2843, index.CiHigh!.Value, 3);
        Assert.Equal(10, index.N);
        Assert.Equal(5, index.Unknown);
        Assert.Equal(70.0, index.SatisfiedRate!.Value, 10);
    }

    [Fact]
    public void Composite_from_moments_equals_the_item_computation()
    {
        // Σx = 725, Σx² = 3·10000 + 4·5625 + 2·2500 + 625 = 58125 (same 10 values as above).
        var index = SatisfactionIndices.Composite(10, 725, 58125);

        Assert.Equal(72.5, index.Index!.Value, 10);
        Assert.Equal(54.7157, index.CiLow!.Value, 3);
        Assert.Equal(90.2843, index.CiHigh!.Value, 3);
        Assert.Null(index.SatisfiedRate);
    }

    [Fact]
    public void No_scored_answers_gives_nulls_and_one_answer_gives_no_interval()
    {
        var none = SatisfactionIndices.Item(Item with { Scores = [new ScoreCount(100, 0, true)], Unknown = 3 });
        var one = SatisfactionIndices.Composite(1, 80, 6400);

        Assert.Null(none.Index);
        Assert.Null(none.SatisfiedRate);
        Assert.Equal(3, none.Unknown);
        Assert.Equal(80.0, one.Index);
        Assert.Null(one.CiLow);
    }

    [Fact]
    public void Identical_scores_give_a_zero_width_interval()
    {
        var index = SatisfactionIndices.Composite(4, 400, 40000);

        Assert.Equal(100.0, index.CiLow!.Value, 10);
        Assert.Equal(100.0, index.CiHigh!.Value, 10);
    }
}
