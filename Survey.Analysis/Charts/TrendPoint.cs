namespace Survey.Analysis.Charts;

/// <summary>One round's value of a trend line with its 95% interval (percent 0–100 or index 0–100).</summary>
public readonly record struct TrendPoint(double Value, double Low, double High);
