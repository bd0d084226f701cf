using MathNet.Numerics;

namespace Survey.Analysis.Statistics;

/// <summary>Upper tail of the chi-square distribution.</summary>
internal static class ChiSquareDistribution
{
    /// <summary>
    /// P(X ≥ statistic) for X ~ χ²(df), df may be fractional (Rao-Scott). Computed as the regularized upper
    /// incomplete gamma Q(df/2, x/2) — the same function MathNet's ChiSquared.CDF complements — instead of
    /// 1 − CDF, which loses all precision for small p-values.
    /// </summary>
    public static double UpperTail(double statistic, double df)
        => statistic <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(df / 2, statistic / 2);
}
