namespace Survey.Analysis.Statistics;

/// <summary>
/// Test of marginal independence between a single-response and a multiple-response variable
/// (Bilder &amp; Loughin 2004). <see cref="SumOfItemChiSquares"/> is X²_S; <see cref="SecondOrder"/> and
/// <see cref="FirstOrder"/> are its Rao-Scott adjustments; <see cref="BonferroniP"/> is the smallest per-item
/// p-value times the number of tested items, capped at 1. Nulls (with a warning) when fewer than two levels
/// or no item can be tested.
/// </summary>
public sealed record MarginalIndependenceResult(
    double? SumOfItemChiSquares,
    RaoScottStatistic? SecondOrder,
    RaoScottStatistic? FirstOrder,
    IReadOnlyList<ItemChiSquare> Items,
    double? BonferroniP,
    IReadOnlyList<string> Warnings);
