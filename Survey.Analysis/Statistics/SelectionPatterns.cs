using System.Numerics;

namespace Survey.Analysis.Statistics;

/// <summary>Helpers for selection patterns: bit mask (bit i = item i selected) → number of respondents.</summary>
internal static class SelectionPatterns
{
    public static bool Has(long pattern, int item) => (pattern & (1L << item)) != 0;

    public static int SelectedCount(long pattern) => BitOperations.PopCount((ulong)pattern);

    public static void Validate(int itemCount, IReadOnlyDictionary<long, long> patternCounts, string parameterName)
    {
        if (itemCount is < 1 or > 62) throw new ArgumentOutOfRangeException(nameof(itemCount), itemCount, "Between 1 and 62 items are supported.");
        foreach (var (pattern, count) in patternCounts)
        {
            if (pattern < 0 || pattern >> itemCount != 0)
                throw new ArgumentException($"Pattern {pattern} has bits beyond item {itemCount - 1}.", parameterName);
            if (count < 0) throw new ArgumentException($"Pattern {pattern} has a negative count.", parameterName);
        }
    }

    /// <summary>Respondents who selected each item.</summary>
    public static long[] ItemTotals(int itemCount, IReadOnlyDictionary<long, long> patternCounts)
    {
        var totals = new long[itemCount];
        foreach (var (pattern, count) in patternCounts)
            for (int j = 0; j < itemCount; j++)
                if (Has(pattern, j)) totals[j] += count;
        return totals;
    }
}
