using MathNet.Numerics.Distributions;

namespace Survey.Analysis.Statistics;

/// <summary>Wilson score interval for a binomial proportion.</summary>
public static class WilsonInterval
{
    /// <summary>
    /// Interval for <paramref name="successes"/> of <paramref name="n"/>; n must be positive.
    /// Wilson (1927), Newcombe (1998) method 3; identical to R's <c>prop.test(x, n, correct = FALSE)$conf.int</c>:
    /// centre = (p + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) · √(p(1−p)/n + z²/4n²).
    /// </summary>
    public static ProportionInterval Compute(long successes, long n, double confidence = 0.95)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The number of trials must be positive.");
        if (successes < 0 || successes > n) throw new ArgumentOutOfRangeException(nameof(successes), successes, "Successes must be between 0 and n.");
        if (confidence <= 0 || confidence >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");

        double z = Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);
        double p = (double)successes / n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double halfWidth = z / (1 + z2n) * Math.Sqrt(p * (1 - p) / n + z2n / (4.0 * n));
        // At p = 0 or 1 the bound equals 0 or 1 mathematically; pin it so rounding cannot leave [0, 1].
        double low = successes == 0 ? 0 : Math.Max(0, centre - halfWidth);
        double high = successes == n ? 1 : Math.Min(1, centre + halfWidth);
        return new ProportionInterval(low, high);
    }
}
