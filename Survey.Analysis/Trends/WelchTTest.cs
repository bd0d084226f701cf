using MathNet.Numerics.Distributions;
using Survey.Analysis.Statistics;

namespace Survey.Analysis.Trends;

/// <summary>Welch's unequal-variances t test of the difference of two means (two rounds, or two organisations).</summary>
public static class WelchTTest
{
    /// <summary>
    /// t = (x̄₂ − x̄₁) / √(s₁²/n₁ + s₂²/n₂); Welch–Satterthwaite df = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1));
    /// two-sided p = 2·T_df(−|t|) (Welch 1947; R <c>t.test(x2, x1)</c>, whose default is var.equal = FALSE).
    /// Null when either sample has fewer than two values or both variances are 0.
    /// </summary>
    public static ChangeTest? Compute(ScoreMoments earlier, ScoreMoments later)
    {
        if (earlier.Variance is not { } v1 || later.Variance is not { } v2) return null;
        double a = v1 / earlier.N, b = v2 / later.N;
        if (a + b == 0) return null;
        double t = (later.Mean!.Value - earlier.Mean!.Value) / Math.Sqrt(a + b);
        double df = (a + b) * (a + b) / (a * a / (earlier.N - 1) + b * b / (later.N - 1));
        return ChangeTest.Create("t", t, df, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t)), later.Mean.Value - earlier.Mean.Value);
    }
}
