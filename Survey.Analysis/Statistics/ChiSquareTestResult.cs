namespace Survey.Analysis.Statistics;

/// <summary>
/// Pearson chi-square test of independence on an r×c table. Statistic and P are null when the table has
/// fewer than two non-empty rows or columns (df would be 0). <see cref="Expected"/> is aligned with the
/// input table (all-zero rows/columns get expected 0). <see cref="SmallExpectedCells"/> counts cells of the
/// tested (non-empty) table whose expected count is below 5.
/// </summary>
public sealed record ChiSquareTestResult(
    double? Statistic,
    int Df,
    double? P,
    double[,] Expected,
    int SmallExpectedCells,
    IReadOnlyList<string> Warnings);
