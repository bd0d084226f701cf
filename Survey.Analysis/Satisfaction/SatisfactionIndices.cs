using MathNet.Numerics.Distributions;
using Survey.Analysis.Statistics;

namespace Survey.Analysis.Satisfaction;

/// <summary>Satisfaction indices per item and composite.</summary>
public static class SatisfactionIndices
{
    /// <summary>The range of every index: scores are 0–100 (the questionnaire loader checks them).</summary>
    public const double ScaleMin = 0, ScaleMax = 100;

    /// <summary>
    /// Index = mean score over scored answers (unknown answers excluded but reported);
    /// CI = mean ± t(0.975, N−1) · s/√N with the sample SD s (N − 1 denominator);
    /// satisfied rate = 100 · (answers whose score counts as satisfied) / N — the caller decides which scores count
    /// (the seed scale: 满意 and 基本满意, i.e. the top two boxes). The item's Weight only matters for the composite.
    /// </summary>
    public static SatisfactionIndex Item(SatisfactionItemInput input)
    {
        long n = 0;
        double sum = 0, sumOfSquares = 0;
        long satisfied = 0;
        foreach (var score in input.Scores)
        {
            if (score.Count < 0) throw new ArgumentException("Counts must not be negative.", nameof(input));
            n += score.Count;
            sum += score.Score * score.Count;
            sumOfSquares += score.Score * score.Score * score.Count;
            if (score.CountsAsSatisfied) satisfied += score.Count;
        }

        var index = Composite(n, sum, sumOfSquares, input.Unknown);
        return index with { SatisfiedRate = n > 0 ? 100.0 * satisfied / n : null };
    }

    /// <summary>
    /// Composite from the moments of each respondent's weighted mean score: n respondents, Σx and Σx²
    /// (computed in SQL by the caller). Same mean and t interval as <see cref="Item"/>; no satisfied rate.
    /// </summary>
    public static SatisfactionIndex Composite(ScoreMoments moments, long unknown = 0) =>
        Composite(moments.N, moments.Sum, moments.SumOfSquares, unknown);

    /// <inheritdoc cref="Composite(ScoreMoments, long)"/>
    public static SatisfactionIndex Composite(long n, double sum, double sumOfSquares, long unknown = 0)
    {
        if (n <= 0) return new SatisfactionIndex(null, null, null, 0, unknown, null);
        double mean = sum / n;
        if (n == 1) return new SatisfactionIndex(mean, null, null, n, unknown, null);

        // Var = (Σx² − (Σx)²/n)/(n − 1); clamp the tiny negative values cancellation can give for constant scores.
        double variance = Math.Max(0, (sumOfSquares - sum * sum / n) / (n - 1));
        double halfWidth = StudentT.InvCDF(0, 1, n - 1, 0.975) * Math.Sqrt(variance / n);
        // The index lies in [0, 100] (scores are 0–100), so the t interval is cut to that range: intersecting an interval with
        // the parameter space never lowers its coverage, and it stops reports showing "76.2–110.5" (Mandelkern 2002,
        // "Setting Confidence Intervals for Bounded Parameters", Statistical Science 17(2):149–172, on bounded parameters).
        return new SatisfactionIndex(mean, Math.Max(ScaleMin, mean - halfWidth), Math.Min(ScaleMax, mean + halfWidth), n, unknown, null);
    }
}
