namespace Survey.Analysis.Charts;

/// <summary>A line of a trend chart: one point per round, null where the round is withheld or has no answer (a gap).</summary>
public sealed record TrendSeries(string Label, IReadOnlyList<TrendPoint?> Points);
