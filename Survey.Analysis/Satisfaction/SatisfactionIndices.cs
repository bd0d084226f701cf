namespace Survey.Analysis.Satisfaction;

/// <summary>Satisfaction indices per item and composite.</summary>
public static class SatisfactionIndices
{
    public static SatisfactionIndex Item(SatisfactionItemInput input) => throw new NotImplementedException();

    /// <summary>
    /// Composite from the moments of each respondent's weighted mean score: n respondents, Σx and Σx².
    /// </summary>
    public static SatisfactionIndex Composite(long n, double sum, double sumOfSquares, long unknown = 0)
        => throw new NotImplementedException();
}
