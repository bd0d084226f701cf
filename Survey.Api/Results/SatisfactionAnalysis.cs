using Survey.Analysis.Satisfaction;

namespace Survey.Api.Results;

/// <summary>
/// The satisfaction indices for one questionnaire, filter and break-down, next to <see cref="QuestionnaireAnalysis"/> and
/// from the same pass: per scored item and the composite, and (with a break-down) per option of <see cref="By"/>.
/// Survey.Analysis types, unrounded: the JSON (<c>ResultsJson.From</c>), the chart, the dashboard and the downloads are
/// views of it and round only when they format.
/// </summary>
public sealed record SatisfactionAnalysis(
    Questionnaire Questionnaire,
    ResponseFilter Filter,
    Question? By,
    int SuppressionThreshold,
    long Responses,
    IReadOnlyList<ItemIndex> Items,
    SatisfactionIndex Composite,
    IReadOnlyList<SegmentIndices>? Segments)
{
    /// <summary>"满意率 = (满意 + 基本满意) / (有效票，不含不了解)".</summary>
    public string SatisfiedRateDefinition => SatisfactionRule.Describe(Questionnaire);
}
