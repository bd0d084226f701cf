namespace Survey.Api.Assessments;

/// <summary>The three-step evaluation scores of a round: the current value per organisation and every change, newest first.</summary>
public sealed record RoundAssessments(string QuestionnaireId, string Round, string RoundLabel, IReadOnlyList<Assessment> Organisations, IReadOnlyList<AssessmentChange> History);
