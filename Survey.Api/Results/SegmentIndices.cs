using Survey.Analysis.Satisfaction;

namespace Survey.Api.Results;

/// <summary>
/// The indices among respondents who chose <see cref="Option"/> of the break-down question. When <see cref="Suppressed"/>
/// (fewer respondents than the threshold) the group is withheld: its indices are empty and must not be shown.
/// </summary>
public sealed record SegmentIndices(QuestionOption Option, bool Suppressed, IReadOnlyList<ItemIndex> Items, SatisfactionIndex Composite)
{
    public static SatisfactionIndex Withheld { get; } = new(null, null, null, 0, 0, null);
}
