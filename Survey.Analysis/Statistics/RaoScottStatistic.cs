namespace Survey.Analysis.Statistics;

/// <summary>A Rao-Scott adjusted chi-square: statistic referred to chi-square with (possibly fractional) df.</summary>
public sealed record RaoScottStatistic(double Statistic, double Df, double P);
