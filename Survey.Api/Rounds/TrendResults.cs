namespace Survey.Api.Rounds;

/// <summary>
/// <c>GET /api/questionnaires/{id}/trend</c>: per round its n; per choice question and option the percent with its Wilson
/// interval; per scored item and the composite the index with its t interval and the satisfied rate with its Wilson
/// interval; and from the second round on, the change from the previous round with its test. Rounds with fewer
/// responses than <see cref="SuppressionThreshold"/> are withheld (figures null, no test). Percentages 0–100.
/// </summary>
public sealed record TrendResults(
    string QuestionnaireId,
    string Period,
    string Basis,
    int SuppressionThreshold,
    string SatisfiedRateDefinition,
    IReadOnlyList<TrendRound> Rounds,
    IReadOnlyList<TrendQuestion> Questions,
    IReadOnlyList<TrendIndex> Indices);

public sealed record TrendRound(string Id, string Label, DateOnly From, DateOnly To, long N, bool Suppressed);

public sealed record TrendQuestion(string QuestionId, string Text, IReadOnlyList<TrendOption> Options);

public sealed record TrendOption(string OptionId, string Label, IReadOnlyList<TrendProportion> Rounds);

/// <summary>One round of a proportion: count of base, percent and Wilson interval; the change from the previous round.</summary>
public sealed record TrendProportion(string Round, long? Count, long? Base, double? Percent, double? CiLow, double? CiHigh, ChangeView? Change);

/// <summary>A scored item (<see cref="QuestionId"/>) or the composite (<see cref="QuestionId"/> = "composite").</summary>
public sealed record TrendIndex(string QuestionId, string Text, IReadOnlyList<TrendIndexRound> Rounds);

public sealed record TrendIndexRound(
    string Round, long? N, double? Index, double? CiLow, double? CiHigh, double? SatisfiedRate, double? SatisfiedCiLow, double? SatisfiedCiHigh,
    ChangeView? IndexChange, ChangeView? SatisfiedChange);

/// <summary>A test of change: statistic "z" or "t", its value, df (t only), two-sided p, the difference (later − earlier) and the label.</summary>
public sealed record ChangeView(string Statistic, double Value, double? Df, double P, double Difference, string Label);
