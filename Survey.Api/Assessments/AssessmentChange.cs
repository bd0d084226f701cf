namespace Survey.Api.Assessments;

/// <summary>One entry of the history: what an organiser set, and when (UTC).</summary>
public sealed record AssessmentChange(string OrganisationId, double? Self, double? Review, string EnteredBy, DateTime EnteredAt);
