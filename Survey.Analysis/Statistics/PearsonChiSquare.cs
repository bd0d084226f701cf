namespace Survey.Analysis.Statistics;

/// <summary>Pearson chi-square test of independence (no continuity correction).</summary>
public static class PearsonChiSquare
{
    public static ChiSquareTestResult Compute(long[,] counts) => throw new NotImplementedException();
}
