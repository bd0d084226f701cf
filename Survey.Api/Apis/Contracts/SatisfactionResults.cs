namespace Survey.Api.Apis.Contracts;

/// <summary>Satisfaction indices of a questionnaire's scored items, overall and (with <c>?by=</c>) per segment.</summary>
public sealed record SatisfactionResults(
    string QuestionnaireId,
    long Responses,
    string SatisfiedRateDefinition,
    IReadOnlyList<SatisfactionItemResult> Items,
    SatisfactionComposite Composite,
    string? By,
    int SuppressionThreshold,
    IReadOnlyList<SatisfactionSegment>? Segments);
