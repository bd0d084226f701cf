namespace Survey.Api.Responses;

public sealed record StoreResult(StoreOutcome Outcome, Guid ResponseId);
