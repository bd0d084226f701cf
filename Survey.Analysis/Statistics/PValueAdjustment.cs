namespace Survey.Analysis.Statistics;

/// <summary>Bonferroni and Holm adjustment, as R's <c>p.adjust</c> (missing p-values are skipped and not counted).</summary>
internal static class PValueAdjustment
{
    public static double?[] Adjust(IReadOnlyList<double?> pValues, PairwiseAdjustment method)
    {
        var present = Enumerable.Range(0, pValues.Count).Where(i => pValues[i].HasValue).ToList();
        int m = present.Count;
        var adjusted = new double?[pValues.Count];
        if (method == PairwiseAdjustment.Bonferroni)
        {
            foreach (int i in present) adjusted[i] = Math.Min(1, m * pValues[i]!.Value);
            return adjusted;
        }

        // Holm (1979): sort ascending, multiply the k-th smallest (k from 0) by m − k, then enforce monotonicity.
        double runningMax = 0;
        int rank = 0;
        foreach (int i in present.OrderBy(i => pValues[i]!.Value))
        {
            runningMax = Math.Max(runningMax, Math.Min(1, (m - rank) * pValues[i]!.Value));
            adjusted[i] = runningMax;
            rank++;
        }
        return adjusted;
    }
}
