namespace Survey.Api.Rounds;

/// <summary>
/// <c>GET /api/questionnaires/{id}/league?by=&amp;round=</c>: one row per option of <see cref="By"/>, ranked first (by the
/// composite when every ranked organisation has both scores entered, else by the residents' index), withheld rows last
/// as 样本不足. Organisations sharing a letter are not significantly different (pairwise Welch t, Holm). Percentages 0–100.
/// </summary>
public sealed record LeagueResults(
    string QuestionnaireId,
    string By,
    string Round,
    string RoundLabel,
    DateOnly From,
    DateOnly To,
    long N,
    string RankedBy,
    LeagueWeights Weights,
    int SuppressionThreshold,
    string SatisfiedRateDefinition,
    IReadOnlyList<LeagueRowView> Rows);

public sealed record LeagueWeights(double Residents, double Review, double Self);

/// <summary>
/// One organisation: residents' n, index and t interval, satisfied rate (of scored answers) and Wilson interval, the
/// entered self and review scores, the composite and its interval (the residents' uncertainty only), rank and letters;
/// <see cref="Status"/> = 样本不足 for a withheld row.
/// </summary>
public sealed record LeagueRowView(
    string OptionId, string Label, long? N, string? Status,
    double? Index, double? CiLow, double? CiHigh,
    double? SatisfiedRate, double? SatisfiedCiLow, double? SatisfiedCiHigh,
    double? Self, double? Review, double? Composite, double? CompositeCiLow, double? CompositeCiHigh,
    int? Rank, string Letters);
