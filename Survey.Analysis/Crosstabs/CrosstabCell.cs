namespace Survey.Analysis.Crosstabs;

/// <summary>
/// One cell. Count and ColumnPercent (0–100) are null when <see cref="Suppressed"/> (or the percent when the base is 0).
/// <see cref="Letters"/>: columns this cell's proportion is significantly greater than.
/// </summary>
public sealed record CrosstabCell(long? Count, double? ColumnPercent, bool Suppressed, IReadOnlyList<string> Letters);
