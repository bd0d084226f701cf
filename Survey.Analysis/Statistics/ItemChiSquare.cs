namespace Survey.Analysis.Statistics;

/// <summary>
/// Pearson chi-square of one multiple-response item (selected / not) against the single-response levels, with
/// its p-value on <see cref="Df"/> = levels − 1 and the Bonferroni-adjusted p (p × tested items, capped at 1).
/// All null when the item cannot be tested (selected by nobody or by everybody).
/// </summary>
public sealed record ItemChiSquare(int Item, double? Statistic, int Df, double? P, double? BonferroniP);
