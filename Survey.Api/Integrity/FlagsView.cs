namespace Survey.Api.Integrity;

/// <summary>A questionnaire's flags (every stored response, set aside or not) and its set-asides, as <c>GET /api/questionnaires/{id}/flags</c> returns them.</summary>
public sealed record FlagsView(string QuestionnaireId, int SetAsideResponses, IReadOnlyList<FlagGroupView> Groups, IReadOnlyList<SetAsideView> SetAsides);
