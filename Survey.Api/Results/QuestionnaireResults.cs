namespace Survey.Api.Results;

public sealed record QuestionnaireResults(string QuestionnaireId, long Responses, IReadOnlyList<QuestionResult> Questions);
