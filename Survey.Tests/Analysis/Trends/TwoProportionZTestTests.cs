using Survey.Analysis.Trends;

namespace Survey.Tests.Analysis.Trends;

public class TwoProportionZTestTests
{
    [Fact]
    public void A_rise_from_60_to_75_percent_of_200_is_significant()
    {
        // By hand: p1 = 0.6, p2 = 0.75; SE² = 0.24/200 + 0.1875/200 = 0.0021375, SE = 0.0462331;
        // z = 0.15/0.0462331 = 3.244428; p = 2Φ(−3.244428) = 0.0011769 (scipy 1.10 stats.norm.cdf).
        var test = TwoProportionZTest.Compute(120, 200, 150, 200)!;

        Assert.Equal("z", test.Statistic);
        Assert.Equal(3.244428, test.Value, 6);
        Assert.Null(test.DegreesOfFreedom);
        Assert.Equal(0.0011769, test.PValue, 7);
        Assert.Equal(0.15, test.Difference, 12);
        Assert.Equal(ChangeDirection.SignificantRise, test.Direction);
        Assert.Equal("显著上升", test.Label);
    }

    [Fact]
    public void A_small_change_is_not_significant_and_a_fall_is_labelled_as_one()
    {
        // 45/100 → 60/120: SE² = 0.2475/100 + 0.25/120 = 0.00455833, z = 0.05/0.0675154 = 0.740571, p = 0.458953 (scipy).
        var small = TwoProportionZTest.Compute(45, 100, 60, 120)!;
        var fall = TwoProportionZTest.Compute(150, 200, 120, 200)!;

        Assert.Equal(0.740571, small.Value, 6);
        Assert.Equal(0.458953, small.PValue, 6);
        Assert.Equal("无显著变化", small.Label);
        Assert.Equal(-3.244428, fall.Value, 6);
        Assert.Equal("显著下降", fall.Label);
    }

    [Fact]
    public void An_empty_round_or_a_zero_standard_error_gives_no_test()
    {
        Assert.Null(TwoProportionZTest.Compute(0, 0, 5, 10));
        Assert.Null(TwoProportionZTest.Compute(10, 10, 20, 20));
    }
}
