namespace Survey.Api.Apis.Contracts;

/// <summary>The indices among respondents who chose one option of the break-down question; withheld when <see cref="Suppressed"/>.</summary>
public sealed record SatisfactionSegment(
    string OptionId, string Label, bool Suppressed, IReadOnlyList<SatisfactionItemResult> Items, SatisfactionComposite Composite);
