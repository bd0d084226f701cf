namespace Survey.Analysis.Tallies;

/// <summary>
/// One option's tally. Percentages are 0–100 and unrounded; null when their denominator is 0.
/// <see cref="CiLow"/>/<see cref="CiHigh"/> are the Wilson 95% interval of <see cref="PercentOfCases"/>, in percent.
/// </summary>
public sealed record OptionTally(
    string OptionId,
    string Label,
    long Count,
    double? PercentOfCases,
    double? PercentOfResponses,
    double? CiLow,
    double? CiHigh);
