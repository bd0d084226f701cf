namespace Survey.Api.Apis.Contracts;

/// <summary>
/// One scored item: <see cref="Index"/> = mean score 0–100 over the <see cref="N"/> respondents who gave a score,
/// with its 95% confidence interval; <see cref="Unknown"/>: answered 不了解 (no score, left out of the index);
/// <see cref="SatisfiedRate"/>: percent of scored answers that count as satisfied (see
/// <see cref="SatisfactionResults.SatisfiedRateDefinition"/>). Null values: no scored answer, or a suppressed segment.
/// </summary>
public sealed record SatisfactionItemResult(
    string QuestionId, string Text, string? Group, double Weight,
    double? Index, double? CiLow, double? CiHigh, double? SatisfiedRate, long? N, long? Unknown);
