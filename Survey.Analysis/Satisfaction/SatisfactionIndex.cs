namespace Survey.Analysis.Satisfaction;

/// <summary>
/// Mean score (0–100) over scored answers with its t-based 95% CI. <see cref="N"/> = scored answers,
/// <see cref="Unknown"/> = excluded answers without a score, <see cref="SatisfiedRate"/> = percent (0–100) of
/// scored answers that count as satisfied (null for composites). Nulls where N is too small.
/// </summary>
public sealed record SatisfactionIndex(
    double? Index,
    double? CiLow,
    double? CiHigh,
    long N,
    long Unknown,
    double? SatisfiedRate);
