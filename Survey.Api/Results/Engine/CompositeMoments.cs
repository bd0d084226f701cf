namespace Survey.Api.Results.Engine;

/// <summary>n, Σx and Σx² of per-respondent values (the composite satisfaction score), one per level.</summary>
public sealed record CompositeMoments(long N, double Sum, double SumOfSquares)
{
    public static CompositeMoments Zero { get; } = new(0, 0, 0);
}
