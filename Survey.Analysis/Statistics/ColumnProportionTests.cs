namespace Survey.Analysis.Statistics;

/// <summary>
/// SPSS CTABLES-style column-proportion tests for one row: pairwise two-proportion z-tests (pooled SE),
/// Bonferroni-adjusted within the row. Columns are lettered A, B, C…; a column gets the letter of every
/// column whose proportion it is significantly greater than.
/// </summary>
public static class ColumnProportionTests
{
    /// <param name="counts">Count in the row, per column.</param>
    /// <param name="bases">Column bases (denominators), per column.</param>
    /// <param name="alpha">Significance level before the Bonferroni adjustment.</param>
    /// <returns>Per column, the letters of the columns it is significantly greater than.</returns>
    public static IReadOnlyList<IReadOnlyList<string>> Compute(
        IReadOnlyList<long> counts,
        IReadOnlyList<long> bases,
        double alpha = 0.05)
        => throw new NotImplementedException();

    /// <summary>A, B, …, Z, AA, AB, … for a 0-based column index.</summary>
    public static string Letter(int columnIndex) => throw new NotImplementedException();
}
