using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Survey.Api.Responses;

/// <summary>
/// An Idempotency-Key as stored: hashed with the questionnaire id, beside a hash of the submission's canonical form,
/// so a retry with the same key and body is recognised and one with another body refused, without keeping either.
/// </summary>
public sealed record IdempotencyKey(string KeyHash, string RequestHash)
{
    public static IdempotencyKey For(string questionnaireId, string key, ResponseSubmission submission) =>
        new(Sha256Hex($"{questionnaireId}\n{key}"), Sha256Hex(CanonicalForm(submission)));

    /// <summary>The answer to a submission whose key was seen before with <paramref name="firstRequestHash"/>.</summary>
    public StoreResult Repeat(string firstRequestHash, Guid firstResponseId) =>
        new(firstRequestHash == RequestHash ? StoreOutcome.Replayed : StoreOutcome.KeyReusedWithDifferentBody, firstResponseId);

    /// <summary>The submission with keys and option ids sorted, so the same answers hash the same whatever the JSON order.</summary>
    public static string CanonicalForm(ResponseSubmission submission) => JsonSerializer.Serialize(new
    {
        answers = submission.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new { q = a.Key, o = a.Value.Order(StringComparer.Ordinal) }),
        other = submission.OtherText.Where(t => t.Value.Length > 0).OrderBy(t => t.Key, StringComparer.Ordinal),
        text = submission.Text.Where(t => t.Value.Length > 0).OrderBy(t => t.Key, StringComparer.Ordinal),
    });

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
