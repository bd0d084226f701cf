namespace Survey.Analysis.Crosstabs;

/// <summary>Per-option chi-square of a multi row question against the columns, with Bonferroni-adjusted p.</summary>
public sealed record CrosstabOptionTest(string OptionId, string Label, double Statistic, int Df, double P, double BonferroniP);
