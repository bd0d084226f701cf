namespace Survey.Api.Assessments;

/// <summary>The current self-assessment and review of an organisation in a round (null = not entered), and who entered them when.</summary>
public sealed record Assessment(string OrganisationId, string OrganisationLabel, double? Self, double? Review, string? EnteredBy, DateTime? EnteredAt);
