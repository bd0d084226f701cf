namespace Survey.Analysis.Crosstabs;

/// <summary>Which columns of a cross-tab to withhold so that small groups cannot be identified.</summary>
public static class SmallCellSuppression
{
    /// <summary>
    /// Primary suppression: every column whose base is below <paramref name="threshold"/>. Complementary
    /// suppression: the total column is always shown, so when exactly one column is withheld its counts would be
    /// total − (sum of the others); the next-smallest column is then withheld too, leaving only the sum of two.
    /// An empty column (base 0) is withheld but needs no complement: there is nothing in it to recover.
    /// </summary>
    public static bool[] SuppressedColumns(IReadOnlyList<long> columnBases, int threshold)
    {
        var suppressed = columnBases.Select(b => b < threshold).ToArray();
        if (columnBases.Count(b => b > 0 && b < threshold) == 1)
        {
            int complement = Enumerable.Range(0, columnBases.Count)
                .Where(j => !suppressed[j] && columnBases[j] > 0)
                .OrderBy(j => columnBases[j])
                .ThenBy(j => j)
                .DefaultIfEmpty(-1)
                .First();
            if (complement >= 0) suppressed[complement] = true;
        }
        return suppressed;
    }
}
