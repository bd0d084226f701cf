namespace Survey.Api.Apis.Contracts;

/// <summary>
/// The independence test of a cross-tab: "pearson-chi-square" (single × single) or "rao-scott-rs2" (multi × single,
/// with <see cref="PerOption"/> Bonferroni-adjusted chi-squares). <see cref="Conclusion"/> says it in words.
/// </summary>
public sealed record TestSummary(
    string Name, double? Statistic, double? Df, double? P, bool Significant, string Conclusion,
    IReadOnlyList<string> Warnings, IReadOnlyList<OptionTestSummary>? PerOption);

public sealed record OptionTestSummary(string OptionId, string Label, double Statistic, int Df, double P, double BonferroniP);
