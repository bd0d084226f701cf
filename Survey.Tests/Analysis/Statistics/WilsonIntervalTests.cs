using Survey.Analysis.Statistics;

namespace Survey.Tests.Analysis.Statistics;

public class WilsonIntervalTests
{
    [Fact]
    public void Matches_R_prop_test_without_continuity_correction()
    {
        // R: prop.test(12, 30, correct = FALSE)$conf.int -> 0.245906 … 0.576796 (reference values quoted in issue 4).
        var interval = WilsonInterval.Compute(12, 30);

        Assert.Equal(0.245906, interval.Low, 6);
        Assert.Equal(0.576796, interval.High, 6);
    }

    [Fact]
    public void None_of_n_starts_at_zero_and_ends_at_the_closed_form_bound()
    {
        // For x = 0 the Wilson bounds are exactly 0 and z²/(n + z²) (set p = 0 in the formula):
        // n = 10, z = 1.959964 -> 3.841459 / 13.841459 = 0.2775328.
        var interval = WilsonInterval.Compute(0, 10);

        Assert.Equal(0.0, interval.Low);
        Assert.Equal(0.2775328, interval.High, 6);
    }

    [Fact]
    public void All_of_n_mirrors_none_of_n()
    {
        // By symmetry x = n gives n/(n + z²) … 1: 10 / 13.841459 = 0.7224672.
        var interval = WilsonInterval.Compute(10, 10);

        Assert.Equal(0.7224672, interval.Low, 6);
        Assert.Equal(1.0, interval.High);
    }

    [Fact]
    public void Rejects_an_empty_sample()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(0, 0));
    }
}
