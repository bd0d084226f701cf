namespace Survey.Api.Model;

/// <summary>
/// Remembers an Idempotency-Key so a retried submission returns the first result instead of storing twice.
/// The key is stored hashed (with the questionnaire id) and the body as a hash, so nothing a resident wrote is kept here.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string KeyHash { get; set; }
    public required string RequestHash { get; set; }
    public Guid ResponseId { get; set; }
}
