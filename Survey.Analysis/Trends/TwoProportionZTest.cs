using MathNet.Numerics.Distributions;

namespace Survey.Analysis.Trends;

/// <summary>Change of a proportion between two independent samples (two rounds).</summary>
public static class TwoProportionZTest
{
    /// <summary>
    /// Wald test with unpooled standard errors: z = (p₂ − p₁) / √(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂), two-sided
    /// p = 2Φ(−|z|) (Agresti 2007, §2.2.3; the unpooled SE is the one of the difference's Wald interval, so test and
    /// interval agree). Null when either sample is empty or both proportions are 0 or 1 (the SE is 0: no test).
    /// </summary>
    public static ChangeTest? Compute(long successes1, long n1, long successes2, long n2)
    {
        if (n1 <= 0 || n2 <= 0) return null;
        if (successes1 < 0 || successes1 > n1 || successes2 < 0 || successes2 > n2)
            throw new ArgumentOutOfRangeException(nameof(successes1), "Successes must be between 0 and n.");
        double p1 = (double)successes1 / n1, p2 = (double)successes2 / n2;
        double standardError = Math.Sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        if (standardError == 0) return null;
        double z = (p2 - p1) / standardError;
        return ChangeTest.Create("z", z, null, 2 * Normal.CDF(0, 1, -Math.Abs(z)), p2 - p1);
    }
}
