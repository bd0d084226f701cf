namespace Survey.Analysis.Statistics;

/// <summary>Wilson score interval for a binomial proportion.</summary>
public static class WilsonInterval
{
    /// <summary>Interval for <paramref name="successes"/> of <paramref name="n"/>; n must be positive.</summary>
    public static ProportionInterval Compute(long successes, long n, double confidence = 0.95)
        => throw new NotImplementedException();
}
