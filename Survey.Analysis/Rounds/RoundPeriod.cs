namespace Survey.Analysis.Rounds;

/// <summary>Calendar periods that cut responses into rounds (evaluation waves), in Beijing time.</summary>
public enum RoundPeriod
{
    Month,
    Quarter,
    Half,
    Year,
}
