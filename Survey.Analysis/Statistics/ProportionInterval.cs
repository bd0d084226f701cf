namespace Survey.Analysis.Statistics;

/// <summary>A confidence interval for a proportion, both ends as proportions in [0, 1].</summary>
public readonly record struct ProportionInterval(double Low, double High);
