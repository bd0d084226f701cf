namespace Survey.Api.Results;

/// <summary>One option's tally. <see cref="Percent"/> is the percent of the question's base (percent of cases).</summary>
public sealed record OptionResult(string OptionId, string Label, long Count, double? Percent);
