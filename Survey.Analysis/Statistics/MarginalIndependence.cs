namespace Survey.Analysis.Statistics;

/// <summary>Rao-Scott tests of marginal independence (R package MRCV, MI.test type "rs1"/"rs2").</summary>
public static class MarginalIndependence
{
    /// <param name="itemCount">Number of items J of the multiple-response variable.</param>
    /// <param name="patternsByLevel">Per level of the single-response variable: bit mask (bit j = item j selected) → respondents.</param>
    public static MarginalIndependenceResult Compute(
        int itemCount,
        IReadOnlyList<IReadOnlyDictionary<long, long>> patternsByLevel)
        => throw new NotImplementedException();
}
