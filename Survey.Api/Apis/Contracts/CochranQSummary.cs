namespace Survey.Api.Apis.Contracts;

/// <summary>
/// Cochran's Q across a multi question's options (are some chosen more than others by the same respondents?),
/// with McNemar follow-ups between pairs of options, p adjusted as <see cref="Adjustment"/> says.
/// </summary>
public sealed record CochranQSummary(
    double? Q, int Df, double? P, long Respondents, string Adjustment, IReadOnlyList<McNemarPair> Pairs);

public sealed record McNemarPair(string OptionA, string OptionB, long OnlyA, long OnlyB, double? Statistic, double? P, double? AdjustedP);
