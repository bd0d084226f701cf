using System.Buffers;
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
        new(Sha256Hex($"{questionnaireId}\n{key}"), RequestHashOf(submission));

    /// <summary>The answer to a submission whose key was seen before with <paramref name="firstRequestHash"/>.</summary>
    public StoreResult Repeat(string firstRequestHash, Guid firstResponseId) =>
        new(firstRequestHash == RequestHash ? StoreOutcome.Replayed : StoreOutcome.KeyReusedWithDifferentBody, firstResponseId);

    /// <summary>SHA-256 (lower-case hex) of the UTF-8 bytes of <see cref="CanonicalForm"/>, as stored in <c>RequestHash</c>.</summary>
    public static string RequestHashOf(ResponseSubmission submission)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteCanonicalForm(submission, buffer);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>
    /// The submission with keys and option ids sorted, so the same answers hash the same whatever the JSON order:
    /// <c>{"answers":[{"q":…,"o":[…]}…],"other":[{"Key":…,"Value":…}…],"text":[…]}</c>, "other" and "text" without
    /// empty values. JSON, so it is unambiguous (every string quoted and escaped: no separator can be forged inside
    /// an id or a text). Written by hand with <see cref="Utf8JsonWriter"/> rather than by serialising an anonymous
    /// object (reflection, LINQ and a string per request were ~5% of the server's CPU per stored submission under
    /// wrk), byte for byte what <c>JsonSerializer.Serialize</c> wrote for that object before, so hashes stored by an
    /// earlier version (or by another instance still running one) still match a retry.
    /// </summary>
    public static string CanonicalForm(ResponseSubmission submission)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteCanonicalForm(submission, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static readonly JsonEncodedText Answers = JsonEncodedText.Encode("answers");
    private static readonly JsonEncodedText Question = JsonEncodedText.Encode("q");
    private static readonly JsonEncodedText Options = JsonEncodedText.Encode("o");
    private static readonly JsonEncodedText Other = JsonEncodedText.Encode("other");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText Key = JsonEncodedText.Encode("Key");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("Value");

    private static void WriteCanonicalForm(ResponseSubmission submission, IBufferWriter<byte> buffer)
    {
        // The serializer's defaults: JavaScriptEncoder.Default, not indented.
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteStartArray(Answers);
        foreach (var (question, options) in Sorted(submission.Answers))
        {
            json.WriteStartObject();
            json.WriteString(Question, question);
            json.WriteStartArray(Options);
            // Enumerable.Order is a stable sort; equal strings are indistinguishable, so an unstable one gives the same bytes.
            var sorted = options.ToArray();
            Array.Sort(sorted, StringComparer.Ordinal);
            foreach (var option in sorted) json.WriteStringValue(option);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WritePairs(json, Other, submission.OtherText);
        WritePairs(json, Text, submission.Text);
        json.WriteEndObject();
    }

    /// <summary>The non-empty values, as the serializer writes a sequence of <see cref="KeyValuePair{TKey,TValue}"/>.</summary>
    private static void WritePairs(Utf8JsonWriter json, JsonEncodedText name, IReadOnlyDictionary<string, string> values)
    {
        json.WriteStartArray(name);
        foreach (var (key, value) in Sorted(values))
        {
            if (value.Length == 0) continue;
            json.WriteStartObject();
            json.WriteString(Key, key);
            json.WriteString(Value, value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>The entries in ordinal key order (dictionary keys are distinct, so any sort gives one order).</summary>
    private static KeyValuePair<string, T>[] Sorted<T>(IReadOnlyDictionary<string, T> values)
    {
        var entries = new KeyValuePair<string, T>[values.Count];
        var i = 0;
        foreach (var entry in values) entries[i++] = entry;
        Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries;
    }

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
