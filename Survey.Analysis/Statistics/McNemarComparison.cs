namespace Survey.Analysis.Statistics;

/// <summary>
/// McNemar test between items <see cref="ItemA"/> and <see cref="ItemB"/> (0-based).
/// <see cref="OnlyA"/> (b) = respondents who selected A but not B, <see cref="OnlyB"/> (c) = B but not A.
/// Statistic = (b − c)² / (b + c), chi-square with 1 df, without continuity correction; null when b + c = 0.
/// </summary>
public sealed record McNemarComparison(
    int ItemA,
    int ItemB,
    long OnlyA,
    long OnlyB,
    double? Statistic,
    double? P,
    double? AdjustedP);
