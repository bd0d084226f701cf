namespace Survey.Analysis.Statistics;

/// <summary>Pearson chi-square of one multiple-response item (selected / not) against the single-response levels.</summary>
public sealed record ItemChiSquare(int Item, double Statistic, int Df, double P, double BonferroniP);
