namespace Survey.Core.Definitions;

/// <summary>A question is shown only when an earlier single or multi question has one of these options selected.</summary>
public sealed record VisibleIf
{
    public required string Question { get; init; }
    public required IReadOnlyList<string> AnyOf { get; init; }
}
