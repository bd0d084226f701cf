namespace Survey.Analysis.Trends;

/// <summary>Outcome of a two-sided test of the change from one round to the next.</summary>
public enum ChangeDirection
{
    NoSignificantChange,
    SignificantRise,
    SignificantFall,
}
