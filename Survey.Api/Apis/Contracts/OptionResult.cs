namespace Survey.Api.Apis.Contracts;

/// <summary>
/// One option's tally. <see cref="Percent"/>: percent of cases (of the question's base, see
/// <see cref="QuestionResult.Basis"/>), with its Wilson 95% interval <see cref="CiLow"/>–<see cref="CiHigh"/>;
/// <see cref="PercentOfResponses"/>: share of all selections made in the question (sums to 100).
/// </summary>
public sealed record OptionResult(
    string OptionId, string Label, long Count, double? Percent, double? PercentOfResponses, double? CiLow, double? CiHigh);
