namespace Survey.Analysis.Crosstabs;

/// <summary>
/// The independence test of a cross-tab: <see cref="Name"/> is "pearson-chi-square" (single rows) or
/// "rao-scott-rs2" (multi rows). Statistic/Df/P are null when the test cannot be computed (see Warnings).
/// </summary>
public sealed record CrosstabTest(
    string Name,
    double? Statistic,
    double? Df,
    double? P,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<CrosstabOptionTest>? PerOption)
{
    public const string PearsonChiSquareName = "pearson-chi-square";
    public const string RaoScottSecondOrderName = "rao-scott-rs2";
}
