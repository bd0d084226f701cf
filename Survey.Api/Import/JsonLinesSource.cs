using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Survey.Api.Model;
using Survey.Api.Responses;

namespace Survey.Api.Import;

/// <summary>
/// JSON Lines: each non-blank line is one body exactly as <c>POST /api/questionnaires/{id}/responses</c> takes it,
/// plus an optional <c>"submittedAt": "2026-03-05T10:00:00Z"</c> (ISO 8601 with a zone; default: the import time).
/// The body without that field goes through the API's own <see cref="SubmissionParser"/>, so the same words refuse it.
/// </summary>
public static partial class JsonLinesSource
{
    public const string SubmittedAtField = "submittedAt";

    public static IEnumerable<ImportedLine> Read(TextReader reader, Questionnaire questionnaire, DateTime nowUtc)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line)) yield return ReadLine(number, Encoding.UTF8.GetBytes(line), questionnaire, nowUtc);
        }
    }

    public static ImportedLine ReadLine(int number, byte[] body, Questionnaire questionnaire, DateTime nowUtc)
    {
        var submittedAt = nowUtc;
        var formatErrors = new List<SubmissionError>();
        if (TrySplitSubmittedAt(body, out var rest, out var time))
        {
            body = rest;
            if (time is null) formatErrors.Add(new(SubmittedAtField, "type", "“submittedAt”应为带时区的ISO 8601时间，例如 2026-03-05T10:00:00Z"));
            else submittedAt = time.Value;
        }
        var (submission, parseErrors) = SubmissionParser.Parse(body);
        return ImportedLine.Validate(number, questionnaire, submission, [.. formatErrors, .. parseErrors], Guid.NewGuid(), submittedAt);
    }

    /// <summary>
    /// When the line is a JSON object with a "submittedAt" field: the same object without it (every other field kept
    /// as written, duplicates included, for the parser to judge) and the time (null when it is not a valid time).
    /// </summary>
    private static bool TrySplitSubmittedAt(byte[] body, out byte[] rest, out DateTime? time)
    {
        rest = body;
        time = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return false; // the parser reports it in the API's words
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.EnumerateObject().Any(p => p.NameEquals(SubmittedAtField))) return false;
            var buffer = new ArrayBufferWriter<byte>(body.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var field in document.RootElement.EnumerateObject())
                {
                    if (field.NameEquals(SubmittedAtField)) time = ParseTime(field.Value);
                    else field.WriteTo(writer);
                }
                writer.WriteEndObject();
            }
            rest = buffer.WrittenSpan.ToArray();
            return true;
        }
    }

    private static DateTime? ParseTime(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { } text && WithZone().IsMatch(text) &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed.UtcDateTime
            : null;

    /// <summary>A time without a zone would mean a different instant on every machine: require Z or an offset.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithZone();
}
