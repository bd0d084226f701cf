namespace Survey.Analysis.Crosstabs;

/// <summary>One column (segment). <see cref="Suppressed"/> columns have all cells withheld.</summary>
public sealed record CrosstabColumn(string OptionId, string Label, string Letter, long Base, bool Suppressed);
