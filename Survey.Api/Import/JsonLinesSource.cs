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

    /// <summary>Lines parsed and validated together, on every core (the lines are independent), then handed on in file order.</summary>
    public const int ParallelBatch = 2048;

    public static IEnumerable<ImportedLine> Read(TextReader reader, Questionnaire questionnaire, DateTime nowUtc)
    {
        var number = 0;
        var batch = new List<(int Number, string Line)>(ParallelBatch);
        var parsed = new ImportedLine[ParallelBatch];
        while (true)
        {
            batch.Clear();
            while (batch.Count < ParallelBatch && reader.ReadLine() is { } line)
            {
                number++;
                if (!string.IsNullOrWhiteSpace(line)) batch.Add((number, line));
            }
            if (batch.Count == 0) yield break;
            Parallel.For(0, batch.Count, i => parsed[i] = ReadLine(batch[i].Number, Encoding.UTF8.GetBytes(batch[i].Line), questionnaire, nowUtc));
            for (var i = 0; i < batch.Count; i++) yield return parsed[i];
        }
    }

    /// <summary>
    /// One parse per line: the document is read once, its <c>submittedAt</c> taken, and the same document handed to
    /// the API's parser with that field left out (what is not valid JSON is parsed again by the API's parser, for its words).
    /// </summary>
    public static ImportedLine ReadLine(int number, byte[] body, Questionnaire questionnaire, DateTime nowUtc)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            var (none, errors) = SubmissionParser.Parse(body);
            return ImportedLine.Validate(number, questionnaire, none, errors, Guid.NewGuid(), nowUtc);
        }
        using (document)
        {
            var submittedAt = nowUtc;
            var formatErrors = new List<SubmissionError>();
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                foreach (var field in document.RootElement.EnumerateObject())
                    if (field.NameEquals(SubmittedAtField))
                    {
                        // As before: the last occurrence wins, and a bad one is reported once.
                        var time = ParseTime(field.Value);
                        formatErrors.RemoveAll(e => e.Key == SubmittedAtField);
                        if (time is null) formatErrors.Add(new(SubmittedAtField, "type", "“submittedAt”应为带时区的ISO 8601时间，例如 2026-03-05T10:00:00Z"));
                        else submittedAt = time.Value;
                    }
            var (submission, parseErrors) = SubmissionParser.Parse(document.RootElement, SubmittedAtField);
            return ImportedLine.Validate(number, questionnaire, submission, [.. formatErrors, .. parseErrors], Guid.NewGuid(), submittedAt);
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
