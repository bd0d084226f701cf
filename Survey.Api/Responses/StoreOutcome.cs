namespace Survey.Api.Responses;

public enum StoreOutcome
{
    /// <summary>Stored now.</summary>
    Created,
    /// <summary>The same Idempotency-Key and body were seen before: nothing new stored, the first id returned.</summary>
    Replayed,
    /// <summary>The Idempotency-Key was used before with a different body: nothing stored.</summary>
    KeyReusedWithDifferentBody,
    /// <summary>No such invitation code for this questionnaire: nothing stored.</summary>
    CodeUnknown,
    /// <summary>The invitation code was used before (or by another submission in the same batch): nothing stored.</summary>
    CodeUsed,
    /// <summary>The invitation code was revoked by the organisers: nothing stored.</summary>
    CodeRevoked,
}
