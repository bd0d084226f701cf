namespace Survey.Analysis.Crosstabs;

/// <summary>Which columns of a cross-tab (or segments of an index) to withhold so that small groups cannot be identified.</summary>
public static class SmallCellSuppression
{
    /// <summary>
    /// Primary suppression: every column whose base is below <paramref name="threshold"/>. Complementary
    /// suppression: the total is always shown, so a single withheld column could be recovered as total − (sum of the
    /// others), and several tiny withheld columns together would still describe fewer than threshold people. The
    /// next-smallest columns are withheld too until at least two non-empty columns are withheld and together hold at
    /// least threshold respondents (or every column is withheld). An empty column (base 0) is marked withheld but
    /// protects nothing, so it never counts as a complement.
    /// </summary>
    public static bool[] SuppressedColumns(IReadOnlyList<long> columnBases, int threshold)
    {
        var suppressed = columnBases.Select(b => b < threshold).ToArray();
        var nonEmpty = Enumerable.Range(0, columnBases.Count).Where(j => columnBases[j] > 0).ToList();
        if (!nonEmpty.Any(j => suppressed[j])) return suppressed;
        foreach (var complement in nonEmpty.OrderBy(j => columnBases[j]).ThenBy(j => j))
        {
            var withheld = nonEmpty.Where(j => suppressed[j]).ToList();
            if (withheld.Count >= 2 && withheld.Sum(j => columnBases[j]) >= threshold) break;
            suppressed[complement] = true;
        }
        return suppressed;
    }
}
