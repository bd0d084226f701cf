namespace Survey.Analysis.Satisfaction;

/// <summary>How many respondents gave <paramref name="Score"/> (0–100); whether that answer counts as satisfied.</summary>
public sealed record ScoreCount(double Score, long Count, bool CountsAsSatisfied);
