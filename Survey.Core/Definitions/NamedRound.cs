namespace Survey.Core.Definitions;

/// <summary>A round with explicit dates (whole days in Beijing time, both included), e.g. 2026q1 = 2026-01-01 … 2026-03-31.</summary>
public sealed record NamedRound
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
}
