namespace Survey.Analysis.Tallies;

/// <summary>
/// Aggregated counts of one choice question, computed by the caller (SQL GROUP BY).
/// <paramref name="Options"/> are in questionnaire order.
/// </summary>
public sealed record ChoiceQuestionCounts(
    string QuestionId,
    string Text,
    bool IsMulti,
    IReadOnlyList<OptionCount> Options,
    long AllRespondents,
    long Shown,
    long Answered);
