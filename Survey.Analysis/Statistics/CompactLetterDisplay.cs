namespace Survey.Analysis.Statistics;

/// <summary>
/// Compact letter display: groups that are not significantly different share a letter.
/// </summary>
public static class CompactLetterDisplay
{
    /// <summary>
    /// Piepho's insert-and-absorb algorithm (Piepho 2004, J. Comput. Graph. Stat. 13(2):456–466; R multcompView
    /// <c>multcompLetters</c>): start with one letter column holding every group; for each significantly different
    /// pair, split every column holding both into one without each; drop columns contained in another. Letters are
    /// given a, b, c… in the order of each column's first group, so with groups sorted best first the best gets "a".
    /// </summary>
    /// <param name="groupCount">Number of groups, in display order.</param>
    /// <param name="differs">Whether groups i &lt; j differ significantly.</param>
    /// <returns>Per group, its letters (e.g. "a", "ab").</returns>
    public static IReadOnlyList<string> Compute(int groupCount, Func<int, int, bool> differs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(groupCount);
        if (groupCount == 0) return [];
        var columns = new List<SortedSet<int>> { new(Enumerable.Range(0, groupCount)) };
        for (int i = 0; i < groupCount; i++)
            for (int j = i + 1; j < groupCount; j++)
            {
                if (!differs(i, j)) continue;
                var split = new List<SortedSet<int>>();
                foreach (var column in columns)
                {
                    if (!column.Contains(i) || !column.Contains(j)) { split.Add(column); continue; }
                    split.Add(new SortedSet<int>(column.Where(g => g != i)));
                    split.Add(new SortedSet<int>(column.Where(g => g != j)));
                }
                columns = Absorb(split);
            }

        var ordered = columns.OrderBy(c => c, SetOrder.Instance).ToList();
        return Enumerable.Range(0, groupCount)
            .Select(g => string.Concat(ordered.Select((c, k) => c.Contains(g) ? Letter(k) : "")))
            .ToList();
    }

    /// <summary>a … z, then aa, ab, … (as <see cref="ColumnProportionTests.Letter"/>, in lower case to tell the two apart).</summary>
    private static string Letter(int index) => ColumnProportionTests.Letter(index).ToLowerInvariant();

    private static List<SortedSet<int>> Absorb(List<SortedSet<int>> columns)
    {
        var kept = new List<SortedSet<int>>();
        for (int a = 0; a < columns.Count; a++)
        {
            bool absorbed = false;
            for (int b = 0; b < columns.Count && !absorbed; b++)
                absorbed = a != b && columns[a].IsSubsetOf(columns[b]) && (!columns[b].IsSubsetOf(columns[a]) || b < a);
            if (!absorbed) kept.Add(columns[a]);
        }
        return kept;
    }

    /// <summary>Lexicographic order of the sorted members: the column of the earliest group first.</summary>
    private sealed class SetOrder : IComparer<SortedSet<int>>
    {
        public static readonly SetOrder Instance = new();

        public int Compare(SortedSet<int>? x, SortedSet<int>? y)
        {
            using var a = x!.GetEnumerator();
            using var b = y!.GetEnumerator();
            while (true)
            {
                bool hasA = a.MoveNext(), hasB = b.MoveNext();
                if (!hasA || !hasB) return hasA.CompareTo(hasB);
                int order = a.Current.CompareTo(b.Current);
                if (order != 0) return order;
            }
        }
    }
}
