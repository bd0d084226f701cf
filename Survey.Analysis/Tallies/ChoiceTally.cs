namespace Survey.Analysis.Tallies;

/// <summary>
/// Tally of one choice question. <see cref="Base"/> is the denominator of every percent of cases and
/// <see cref="Basis"/> says which respondents it counts. <see cref="NoAnswer"/> = Shown − Answered.
/// <see cref="MeanSelections"/> = mentions / answered (1 for single-choice questions with answers).
/// </summary>
public sealed record ChoiceTally(
    string QuestionId,
    string Text,
    bool IsMulti,
    TallyBase Basis,
    long Base,
    long Shown,
    long Answered,
    long NoAnswer,
    long AllRespondents,
    double? MeanSelections,
    IReadOnlyList<OptionTally> Options)
{
    /// <summary>Total selections over all options (the denominator of percent of responses).</summary>
    public long Mentions => Options.Sum(o => o.Count);
}
