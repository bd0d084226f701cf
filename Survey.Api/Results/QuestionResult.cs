namespace Survey.Api.Results;

/// <summary>
/// One question's tally. <see cref="Base"/>: respondents who were shown the question and answered it;
/// <see cref="NoAnswer"/>: shown but not answered. Percentages are of the base.
/// </summary>
public sealed record QuestionResult(
    string QuestionId, string Type, long Base, long NoAnswer,
    IReadOnlyList<OptionResult> Options, IReadOnlyList<OtherTextCount> Texts);
