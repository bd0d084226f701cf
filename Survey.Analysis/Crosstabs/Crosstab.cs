namespace Survey.Analysis.Crosstabs;

/// <summary>Counts, column percentages, significance letters, suppression and the independence test.</summary>
public static class Crosstab
{
    public static CrosstabResult Compute(CrosstabInput input, CrosstabOptions options)
        => throw new NotImplementedException();
}
