namespace Survey.Api.Apis.Contracts;

/// <summary>
/// The composite index: mean over respondents of each respondent's weighted mean score of the items they rated
/// (weights from the questionnaire, equal by default), with its 95% confidence interval.
/// </summary>
public sealed record SatisfactionComposite(double? Index, double? CiLow, double? CiHigh, long? N);
