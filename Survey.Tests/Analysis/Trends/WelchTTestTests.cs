using Survey.Analysis.Statistics;
using Survey.Analysis.Trends;

namespace Survey.Tests.Analysis.Trends;

public class WelchTTestTests
{
    // The two worked examples of Wikipedia "Welch's t-test" (Examples 1 and 2, published as t = −2.46, ν = 25.0,
    // p = 0.021 and t = −1.57, ν = 9.9, p = 0.149); more digits from scipy 1.10 stats.ttest_ind(a2, a1, equal_var=False).
    private static readonly double[] A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    private static readonly double[] A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    private static readonly double[] B1 = [17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8];
    private static readonly double[] B2 = [21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5, 23.5, 21.5, 21.8];

    [Fact]
    public void Matches_the_published_example_with_equal_sizes()
    {
        var test = WelchTTest.Compute(ScoreMoments.Of(A1), ScoreMoments.Of(A2))!;

        Assert.Equal("t", test.Statistic);
        Assert.Equal(2.455356, test.Value, 5);
        Assert.Equal(24.98853, test.DegreesOfFreedom!.Value, 4);
        Assert.Equal(0.021378, test.PValue, 5);
        Assert.Equal("显著上升", test.Label);
    }

    [Fact]
    public void Matches_the_published_example_with_unequal_sizes_and_variances()
    {
        var test = WelchTTest.Compute(ScoreMoments.Of(B1), ScoreMoments.Of(B2))!;

        Assert.Equal(1.565434, test.Value, 5);
        Assert.Equal(9.904741, test.DegreesOfFreedom!.Value, 4);
        Assert.Equal(0.148842, test.PValue, 5);
        Assert.Equal("无显著变化", test.Label);
    }

    [Fact]
    public void Swapping_the_rounds_flips_the_sign_and_the_label()
    {
        var test = WelchTTest.Compute(ScoreMoments.Of(A2), ScoreMoments.Of(A1))!;

        Assert.Equal(-2.455356, test.Value, 5);
        Assert.Equal("显著下降", test.Label);
    }

    [Fact]
    public void Fewer_than_two_values_or_no_spread_gives_no_test()
    {
        Assert.Null(WelchTTest.Compute(ScoreMoments.Of([50]), ScoreMoments.Of(A1)));
        Assert.Null(WelchTTest.Compute(ScoreMoments.Empty, ScoreMoments.Of(A1)));
        Assert.Null(WelchTTest.Compute(ScoreMoments.Of([60, 60]), ScoreMoments.Of([80, 80, 80])));
    }
}
