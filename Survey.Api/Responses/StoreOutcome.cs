namespace Survey.Api.Responses;

public enum StoreOutcome
{
    /// <summary>Stored now.</summary>
    Created,
    /// <summary>The same Idempotency-Key and body were seen before: nothing new stored, the first id returned.</summary>
    Replayed,
    /// <summary>The Idempotency-Key was used before with a different body: nothing stored.</summary>
    KeyReusedWithDifferentBody,
}
