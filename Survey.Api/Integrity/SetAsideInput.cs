namespace Survey.Api.Integrity;

/// <summary>The body of <c>POST /api/questionnaires/{id}/set-asides</c>: the flagged group's key and, optionally, why.</summary>
public sealed record SetAsideInput(string? Group, string? Reason);
