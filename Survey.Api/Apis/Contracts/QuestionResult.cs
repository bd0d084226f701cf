namespace Survey.Api.Apis.Contracts;

/// <summary>
/// One question's results. <see cref="Base"/>: the respondents percentages are of, chosen by <see cref="Basis"/>
/// ("answered" by default, "shown" or "all"); <see cref="Shown"/>: respondents the question was shown to (its
/// condition met); <see cref="Answered"/>; <see cref="NoAnswer"/> = shown − answered.
/// <see cref="CochranQ"/> (multi questions), <see cref="Crosstab"/> and <see cref="Test"/> (with <c>?by=</c>).
/// </summary>
public sealed record QuestionResult(
    string QuestionId,
    string Type,
    string Text,
    string Basis,
    long Base,
    long Shown,
    long Answered,
    long NoAnswer,
    double? MeanSelections,
    IReadOnlyList<OptionResult> Options,
    IReadOnlyList<OtherTextCount> Texts,
    CochranQSummary? CochranQ = null,
    CrosstabView? Crosstab = null,
    TestSummary? Test = null);
