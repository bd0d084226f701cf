namespace Survey.Analysis.Statistics;

/// <summary>Cochran's Q test for k related binary items.</summary>
public static class CochranQ
{
    /// <param name="itemCount">Number of items k.</param>
    /// <param name="patternCounts">Bit mask (bit i = item i selected) → number of respondents with that pattern.</param>
    public static CochranQResult Compute(
        int itemCount,
        IReadOnlyDictionary<long, long> patternCounts,
        PairwiseAdjustment adjustment = PairwiseAdjustment.Holm)
        => throw new NotImplementedException();
}
