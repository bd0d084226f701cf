namespace Survey.Analysis.Satisfaction;

/// <summary>Score distribution of one satisfaction item; <paramref name="Unknown"/> = answers without a score (不了解).</summary>
public sealed record SatisfactionItemInput(
    string QuestionId,
    string Text,
    double Weight,
    IReadOnlyList<ScoreCount> Scores,
    long Unknown);
