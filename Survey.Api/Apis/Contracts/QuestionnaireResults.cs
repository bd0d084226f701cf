namespace Survey.Api.Apis.Contracts;

/// <summary>
/// Results of one questionnaire for the responses that pass the filters. <see cref="By"/>: the single-choice
/// question cross-tabs break down by, if any; columns with fewer than <see cref="SuppressionThreshold"/>
/// respondents are withheld.
/// </summary>
public sealed record QuestionnaireResults(
    string QuestionnaireId,
    long Responses,
    string Basis,
    string? By,
    int SuppressionThreshold,
    IReadOnlyList<QuestionResult> Questions);
