namespace Survey.Analysis.Tallies;

/// <summary>How many respondents selected one option.</summary>
public sealed record OptionCount(string OptionId, string Label, long Count);
