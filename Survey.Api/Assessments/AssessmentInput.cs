namespace Survey.Api.Assessments;

/// <summary>The body of an assessment change: the organisation (an option id) and its scores, 0–100 (null = not entered).</summary>
public sealed record AssessmentInput(string Organisation, double? Self, double? Review);
