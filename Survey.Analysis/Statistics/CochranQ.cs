namespace Survey.Analysis.Statistics;

/// <summary>Cochran's Q test for k related binary items.</summary>
public static class CochranQ
{
    /// <summary>
    /// Cochran (1950): Q = (k − 1)[k ΣG_j² − T²] / [k T − ΣL_i²], G_j = respondents selecting item j,
    /// L_i = items selected by respondent i, T = ΣL_i; Q ~ χ²(k − 1) under the null hypothesis that every item
    /// is selected with the same probability. Respondents who selected none or all items contribute nothing.
    /// Pairwise follow-up: McNemar (1947) χ² = (b − c)² / (b + c), 1 df, WITHOUT continuity correction
    /// (R's <c>mcnemar.test(correct = FALSE)</c>), then Bonferroni or Holm adjusted over the k(k − 1)/2 pairs.
    /// </summary>
    /// <param name="itemCount">Number of items k.</param>
    /// <param name="patternCounts">Bit mask (bit i = item i selected) → number of respondents with that pattern.</param>
    public static CochranQResult Compute(
        int itemCount,
        IReadOnlyDictionary<long, long> patternCounts,
        PairwiseAdjustment adjustment = PairwiseAdjustment.Holm)
    {
        SelectionPatterns.Validate(itemCount, patternCounts, nameof(patternCounts));
        long[] itemTotals = SelectionPatterns.ItemTotals(itemCount, patternCounts);
        double k = itemCount;
        double sumG2 = itemTotals.Sum(g => (double)g * g);
        double t = 0, sumL2 = 0;
        long respondents = 0;
        foreach (var (pattern, count) in patternCounts)
        {
            int selected = SelectionPatterns.SelectedCount(pattern);
            t += (double)count * selected;
            sumL2 += (double)count * selected * selected;
            respondents += count;
        }

        double denominator = k * t - sumL2;
        int df = itemCount - 1;
        double? q = denominator > 0 && df > 0 ? (k - 1) * (k * sumG2 - t * t) / denominator : null;
        double? p = q is { } value ? ChiSquareDistribution.UpperTail(value, df) : null;

        return new CochranQResult(q, df, p, respondents, adjustment, McNemarPairs(itemCount, patternCounts, adjustment));
    }

    private static List<McNemarComparison> McNemarPairs(int itemCount, IReadOnlyDictionary<long, long> patternCounts, PairwiseAdjustment adjustment)
    {
        var pairs = new List<(int A, int B, long OnlyA, long OnlyB, double? Statistic, double? P)>();
        for (int a = 0; a < itemCount; a++)
            for (int b = a + 1; b < itemCount; b++)
            {
                long onlyA = 0, onlyB = 0;
                foreach (var (pattern, count) in patternCounts)
                {
                    bool hasA = SelectionPatterns.Has(pattern, a), hasB = SelectionPatterns.Has(pattern, b);
                    if (hasA && !hasB) onlyA += count;
                    else if (hasB && !hasA) onlyB += count;
                }
                long discordant = onlyA + onlyB;
                double? statistic = discordant > 0 ? (double)(onlyA - onlyB) * (onlyA - onlyB) / discordant : null;
                double? p = statistic is { } s ? ChiSquareDistribution.UpperTail(s, 1) : null;
                pairs.Add((a, b, onlyA, onlyB, statistic, p));
            }

        double?[] adjusted = PValueAdjustment.Adjust(pairs.Select(x => x.P).ToList(), adjustment);
        return pairs.Select((x, i) => new McNemarComparison(x.A, x.B, x.OnlyA, x.OnlyB, x.Statistic, x.P, adjusted[i])).ToList();
    }
}
