using System.Runtime.CompilerServices;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Survey.Api.Model;
using Survey.Api.Responses;
using Survey.Core.Patterns;

namespace Survey.Api.Import;

/// <summary>
/// JSON Lines: each non-blank line is one body exactly as <c>POST /api/questionnaires/{id}/responses</c> takes it,
/// plus an optional <c>"submittedAt": "2026-03-05T10:00:00Z"</c> (ISO 8601 with a zone; default: the import time).
/// The body without that field goes through the API's own <see cref="SubmissionParser"/>, so the same words refuse it.
/// </summary>
public static partial class JsonLinesSource
{
    public const string SubmittedAtField = "submittedAt";

    /// <summary>Every non-blank line, in file order, numbered from 1 (blank lines count).</summary>
    public static IEnumerable<ImportedLine> Read(TextReader reader, Questionnaire questionnaire, DateTime nowUtc)
    {
        var number = 0;
        var ids = new ImportIds();
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line)) yield return ReadLine(number, Encoding.UTF8.GetBytes(line), questionnaire, nowUtc, ids.For(number));
        }
    }

    /// <summary>
    /// The same lines as <see cref="Read(TextReader, Questionnaire, DateTime)"/> over a <see cref="StreamReader"/> in
    /// UTF-8 (numbered alike: a line ends at \n, \r\n or \r; blank lines skipped; a UTF-8 byte order mark skipped),
    /// but the UTF-8 bytes are parsed where they lie in the read buffer: no string per line and no re-encoding of it.
    /// Lines are parsed one after another on the thread that reads them: the writer (and PostgreSQL, on the same
    /// machine) need the other core. Parsing on both cores made a 100,000-line import into PostgreSQL 0.1 s slower and a
    /// million-line one 1.5 s slower (README "Measured", session 10).
    /// A line that is not valid UTF-8 is decoded and re-encoded as the reader would have (replacement characters), so
    /// the API's parser sees the same bytes. A file starting with a UTF-16 or UTF-32 byte order mark is read as text.
    /// </summary>
    /// <param name="layout">When given, each valid line gets its stored row (<see cref="ImportedLine.Row"/>), made as it is parsed, instead of its parsed submission.</param>
    public static IEnumerable<ImportedLine> Read(Stream stream, Questionnaire questionnaire, DateTime nowUtc, AnswerLayout? layout = null)
    {
        Span<byte> start = stackalloc byte[4];
        var peeked = 0;
        while (peeked < 4 && stream.Read(start[peeked..]) is var got and > 0) peeked += got;
        if (peeked >= 2 && (start[0], start[1]) is (0xFE, 0xFF) or (0xFF, 0xFE) || peeked == 4 && start[..4].SequenceEqual(new byte[] { 0, 0, 0xFE, 0xFF }))
        {
            stream.Position = 0;
            return Read(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), questionnaire, nowUtc);
        }
        var skip = peeked >= 3 && start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF ? 3 : 0;
        stream.Position = skip;
        return ReadUtf8(stream, questionnaire, nowUtc, layout);
    }

    private static IEnumerable<ImportedLine> ReadUtf8(Stream stream, Questionnaire questionnaire, DateTime nowUtc, AnswerLayout? layout)
    {
        var number = 0;
        var ids = new ImportIds();
        var buffer = new byte[1 << 20];
        int filled = 0, position = 0;
        var ended = false;
        var previousEndedWithCr = false;
        while (true)
        {
            // Keep the unread tail at the front of the buffer, then fill it up (only here: a line is parsed where it lies).
            if (position > 0)
            {
                Buffer.BlockCopy(buffer, position, buffer, 0, filled - position);
                filled -= position;
                position = 0;
            }
            while (!ended && filled < buffer.Length)
            {
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0) ended = true;
                filled += read;
            }
            while (position < filled)
            {
                var rest = buffer.AsSpan(position, filled - position);
                if (previousEndedWithCr && rest[0] == (byte)'\n')
                {
                    // The \n of a \r\n whose \r ended the previous line.
                    previousEndedWithCr = false;
                    position++;
                    continue;
                }
                var end = rest.IndexOfAny((byte)'\n', (byte)'\r');
                if (end < 0)
                {
                    if (!ended)
                    {
                        if (position == 0) Array.Resize(ref buffer, buffer.Length * 2); // a line longer than the buffer
                        break;
                    }
                    end = rest.Length; // the last line, without a line break
                }
                number++;
                var (lineStart, blank) = (position, IsBlank(rest[..end]));
                previousEndedWithCr = end < rest.Length && rest[end] == (byte)'\r';
                position += Math.Min(end + 1, rest.Length);
                if (!blank) yield return Parse(number, buffer.AsMemory(lineStart, end));
            }
            if (ended && position >= filled) yield break;
        }

        ImportedLine Parse(int lineNumber, ReadOnlyMemory<byte> bytes)
        {
            var line = System.Text.Unicode.Utf8.IsValid(bytes.Span)
                ? ReadLine(lineNumber, bytes, questionnaire, nowUtc, ids.For(lineNumber))
                : ReadLine(lineNumber, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes.Span)), questionnaire, nowUtc, ids.For(lineNumber));
            return layout is not null && line.Response is { } response ? line with { Row = response.ToEntity(layout), Response = null } : line;
        }
    }

    private static readonly SearchValues<byte> AsciiBlanks = SearchValues.Create(" \t\v\f"u8);

    /// <summary>As <see cref="string.IsNullOrWhiteSpace"/> on the decoded line; only a line of spaces and non-ASCII bytes is decoded to tell.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        var first = line.IndexOfAnyExcept(AsciiBlanks);
        if (first < 0) return true;
        return line[first] >= 0x80 && string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(line));
    }

    /// <summary>
    /// One parse per line: the document is read once, its <c>submittedAt</c> taken, and the same document handed to
    /// the API's parser with that field left out (what is not valid JSON is parsed again by the API's parser, for its words).
    /// </summary>
    /// <param name="body">The line's UTF-8 bytes; the document reads them in place, and is disposed before this returns.</param>
    /// <param name="id">The id the response gets if the line is valid (<see cref="ImportIds"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ImportedLine ReadLine(int number, ReadOnlyMemory<byte> body, Questionnaire questionnaire, DateTime nowUtc, Guid id)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            var (none, errors) = SubmissionParser.Parse(body.Span);
            return ImportedLine.Validate(number, questionnaire, none, errors, id, nowUtc);
        }
        using (document)
        {
            var submittedAt = nowUtc;
            SubmissionError? timeError = null; // as before: the last occurrence wins, and a bad one is reported once
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                foreach (var field in document.RootElement.EnumerateObject())
                    if (field.NameEquals(SubmittedAtField))
                    {
                        var time = ParseTime(field.Value);
                        timeError = time is null ? new(SubmittedAtField, "type", "“submittedAt”应为带时区的ISO 8601时间，例如 2026-03-05T10:00:00Z") : null;
                        if (time is not null) submittedAt = time.Value;
                    }
            var (submission, parseErrors) = SubmissionParser.Parse(document.RootElement, SubmittedAtField, questionnaire);
            return ImportedLine.Validate(number, questionnaire, submission, timeError is null ? parseErrors : [timeError, .. parseErrors], id, submittedAt);
        }
    }

    /// <summary>
    /// A <c>submittedAt</c> value as UTC, or null when it is not an ISO 8601 time with a zone (<see cref="WithZone"/>)
    /// that <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/> reads.
    /// The shape nearly every file has, <c>"2026-03-05T10:00:00Z"</c>, is read straight from the document's bytes:
    /// the same instant, refused alike (a month 13, a 30 February, an hour 24, a second 60), at a tenth of the cost
    /// (about 1 µs a line otherwise, a tenth of a line's parse); a test compares both ways on such values.
    /// </summary>
    public static DateTime? ParseTime(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return null;
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value); // with its quotes, escapes unread
        if (raw.Length == 22 && TryReadUtcSeconds(raw[1..^1], out var fast)) return fast;
        return ParseTime(value.GetString()!);
    }

    /// <summary>The general way, from the text: <see cref="ParseTime(JsonElement)"/> must agree with it.</summary>
    public static DateTime? ParseTime(string text) =>
        WithZone().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed.UtcDateTime
            : null;

    /// <summary><c>yyyy-MM-ddTHH:mm:ssZ</c> with every field in range; anything else is left to the general way.</summary>
    private static bool TryReadUtcSeconds(ReadOnlySpan<byte> text, out DateTime utc)
    {
        utc = default;
        if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') return false;
        if (!(Digits(text, 0, 4, out var year) && Digits(text, 5, 2, out var month) && Digits(text, 8, 2, out var day) &&
              Digits(text, 11, 2, out var hour) && Digits(text, 14, 2, out var minute) && Digits(text, 17, 2, out var second)))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        return true;

        static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                if (!char.IsAsciiDigit((char)text[i])) return false;
                value = value * 10 + (text[i] - '0');
            }
            return true;
        }
    }

    /// <summary>A time without a zone would mean a different instant on every machine: require Z or an offset.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithZone();
}
