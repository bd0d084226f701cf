namespace Survey.Core.Definitions;

/// <summary>
/// Which options of the scored questions count as satisfied for the satisfied rate (满意率), by option id, and which are
/// excluded from its base but reported (不了解). Unset: satisfied = a score above the scale's midpoint, excluded = the
/// options scored null (today's rule). Each option's points stay as written on the option.
/// </summary>
public sealed record ScoringProfile
{
    public IReadOnlyList<string>? Satisfied { get; init; }
    public IReadOnlyList<string>? Excluded { get; init; }
}
