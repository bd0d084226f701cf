using Survey.Analysis.Satisfaction;
using Survey.Analysis.Statistics;

namespace Survey.Analysis.League;

/// <summary>
/// One row of the league table. <see cref="Index"/> is the residents' satisfaction index with its t interval;
/// <see cref="SatisfiedRate"/> (0–1) and its Wilson interval are over the scored answers; <see cref="Composite"/> is
/// the three-step composite when both scores are entered (<see cref="Review"/> and <see cref="Self"/>, as entered). Withheld rows (样本不足) carry no figures, rank or letters.
/// </summary>
public sealed record LeagueRow(
    string Id,
    string Label,
    long N,
    bool Suppressed,
    SatisfactionIndex? Index,
    double? SatisfiedRate,
    ProportionInterval? SatisfiedInterval,
    SatisfactionIndex? Composite,
    int? Rank,
    string Letters,
    double? Review = null,
    double? Self = null)
{
    public const string SuppressedLabel = "样本不足";
}
