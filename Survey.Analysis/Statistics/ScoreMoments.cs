namespace Survey.Analysis.Statistics;

/// <summary>
/// n, Σx and Σx² of a set of scores (one per respondent or per answer): enough for the mean, the sample variance
/// and any t interval or Welch test, and additive, so one pass can accumulate it per round or per organisation.
/// </summary>
public readonly record struct ScoreMoments(long N, double Sum, double SumOfSquares)
{
    public static ScoreMoments Empty => default;

    public double? Mean => N > 0 ? Sum / N : null;

    /// <summary>Sample variance (n − 1 denominator); null below two values. Clamped at 0 against cancellation.</summary>
    public double? Variance => N > 1 ? Math.Max(0, (SumOfSquares - Sum * Sum / N) / (N - 1)) : null;

    public ScoreMoments Add(double score, long count = 1) =>
        new(N + count, Sum + score * count, SumOfSquares + score * score * count);

    public static ScoreMoments operator +(ScoreMoments a, ScoreMoments b) =>
        new(a.N + b.N, a.Sum + b.Sum, a.SumOfSquares + b.SumOfSquares);

    public static ScoreMoments Of(IEnumerable<double> scores) =>
        scores.Aggregate(Empty, (moments, score) => moments.Add(score));
}
