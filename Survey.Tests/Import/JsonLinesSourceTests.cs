using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Survey.Api.Import;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Import;

/// <summary>
/// <see cref="JsonLinesSource"/> reads an import file's UTF-8 bytes in place (<c>Read(Stream, …)</c>); it must number,
/// skip and parse every line exactly as reading the file as text line by line does (<c>Read(TextReader, …)</c>, the
/// way a <see cref="StreamReader"/> splits and decodes it): same line numbers, same errors in the same words, same
/// submissions. Checked on files with every kind of line break, blank lines of Unicode spaces, byte order marks,
/// invalid UTF-8, a line longer than the read buffer and thousands of lines.
/// </summary>
public sealed class JsonLinesSourceTests
{
    private static readonly Questionnaire Seed =
        QuestionnaireCatalog.LoadFolder(RepositoryPaths.Questionnaires, NullLogger.Instance).Find("grassroots-service")!;

    private static readonly DateTime Now = new(2026, 3, 5, 10, 0, 0, DateTimeKind.Utc);

    private const string Valid = """{"answers":{"identity":["resident"]},"submittedAt":"2026-03-01T08:30:00+08:00"}""";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static IEnumerable<object[]> Files()
    {
        yield return [Utf8(Valid + "\r\n" + Valid + "\r" + Valid + "\n" + Valid)]; // CRLF, lone CR, LF, no final break
        yield return [Utf8("\r\n\r\n" + Valid + "\r\r\n\n" + Valid + "\n\r")]; // empty lines of every break
        yield return [Utf8(" \t\n\u3000\u00A0\n\v\f\n" + Valid + "\n \u3000x\n")]; // blank lines of Unicode spaces; a space then x is not blank
        yield return [(byte[])[0xEF, 0xBB, 0xBF, .. Utf8(Valid + "\n\uFEFF" + Valid + "\n")]]; // a byte order mark, and U+FEFF starting a later line
        yield return [(byte[])[.. Utf8("""{"answers":{"identity":["resident"]},"otherText":{"identity":"a"""), 0xFF, 0xC3, .. Utf8("\"}}\n" + Valid)]]; // invalid UTF-8
        yield return [Utf8("""{"answers":{"identity":["resident","cadre"]}}""" + "\n{\"answers\":\n" + """{"answers":{},"answers":{}}""" + "\n[]\n" + Valid + " x\n")];
        yield return [Utf8(Valid + "\n" + """{"answers":{"identity":["resident"]},"text":{"suggestions":""" + "\"" + new string('长', 700_000) + "\"}}\n" + Valid)]; // 2.1 MB line
        yield return [Utf8(string.Join("\n", Enumerable.Range(0, 5000).Select(i =>
            i % 7 == 3 ? "" : i % 11 == 5 ? """{"answers":{"identity":["nobody"]}}""" : Valid.Replace("08:30", $"{i % 24:00}:{i % 60:00}"))))]; // thousands of lines, blank and invalid among them
        yield return [(byte[])[.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Valid + "\r\n" + Valid)]]; // UTF-16: read as text
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Reading_the_bytes_in_place_gives_the_lines_reading_them_as_text_gives(byte[] file)
    {
        var asText = JsonLinesSource.Read(new StreamReader(new MemoryStream(file), Encoding.UTF8, detectEncodingFromByteOrderMarks: true), Seed, Now).ToList();
        var inPlace = JsonLinesSource.Read(new MemoryStream(file), Seed, Now).ToList();

        Assert.NotEmpty(asText);
        Assert.Equal(asText.Select(Describe), inPlace.Select(Describe));
    }

    [Fact]
    public void With_a_layout_each_valid_line_carries_only_its_stored_row()
    {
        var layout = new Survey.Core.Patterns.AnswerLayout(Seed, Survey.Core.Patterns.AnswerLayout.Missing(Seed, []));
        var file = Utf8(Valid + "\n" + """{"answers":{"identity":["nobody"]}}""" + "\n" + """{"answers":{"identity":["cadre"],"satisfying-ways":["other"]},"otherText":{"satisfying-ways":"x"}}""");
        var parsed = JsonLinesSource.Read(new MemoryStream(file), Seed, Now).ToList();
        var stored = JsonLinesSource.Read(new MemoryStream(file), Seed, Now, layout).ToList();

        // The parsed submission is let go once its row is made (the importer holds rows, not submissions).
        Assert.All(stored, line => Assert.Null(line.Response));
        Assert.Equal(parsed[0].Response!.ToEntity(layout).Patterns, stored[0].Row!.Patterns);
        Assert.Equal(parsed[0].Response!.SubmittedAt, stored[0].Row!.SubmittedAt);
        Assert.Null(stored[1].Row);
        Assert.NotEmpty(stored[1].Errors);
        Assert.Equal(parsed[1].Errors.Select(e => e.Message), stored[1].Errors.Select(e => e.Message));
        Assert.Equal(parsed[2].Response!.ToEntity(layout).Patterns, stored[2].Row!.Patterns);
        Assert.Equal("x", Assert.Single(stored[2].Row!.Texts).Text);
    }

    [Fact]
    public void A_submission_time_read_from_the_bytes_is_what_the_general_parse_reads()
    {
        // The fast way (ParseTime of the JSON value) against the general one (regex, then DateTimeOffset.TryParse of the
        // text), on the common shape with every field drawn in and out of range, and on other shapes the fast way leaves alone.
        var random = new Random(20261127);
        string Two(int max) => random.Next(max).ToString("00");
        var times = new List<string>
        {
            "2026-03-05T10:00:00Z", "2024-02-29T23:59:59Z", "2025-02-29T12:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-12-31T23:59:60Z",
            "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-03-05T10:00:00z", "2026-03-05 10:00:00Z",
            "2026-03-05T10:00Z", "2026-03-05T10:00:00.5Z", "2026-03-05T18:00:00+08:00", "2026-03-05T10:00:00", "2026-3-05T10:00:00Z",
            "2026-03-05T1a:00:00Z", "+026-03-05T10:00:00Z", "２026-03-05T10:00:00Z", "",
        };
        for (var i = 0; i < 3000; i++)
            times.Add($"{random.Next(1990, 2040)}-{Two(14)}-{Two(33)}T{Two(26)}:{Two(62)}:{Two(62)}Z");
        foreach (var text in times)
        {
            using var document = JsonDocument.Parse(JsonSerializer.Serialize(new { at = text }));
            Assert.Equal(JsonLinesSource.ParseTime(text), JsonLinesSource.ParseTime(document.RootElement.GetProperty("at")));
        }
        // Escaped in the file (the same text to the reader): the general way.
        using var escaped = JsonDocument.Parse("""{"at":"2026-03-05T10:00:00\u005A"}""");
        Assert.Equal(new DateTime(2026, 3, 5, 10, 0, 0, DateTimeKind.Utc), JsonLinesSource.ParseTime(escaped.RootElement.GetProperty("at")));
        Assert.True(times.Count(t => JsonLinesSource.ParseTime(t) is null) > 500, "many refused");
        Assert.True(times.Count(t => JsonLinesSource.ParseTime(t) is not null) > 500, "many read");
    }

    [Fact]
    public void Ids_follow_the_lines()
    {
        var file = Utf8(string.Join("\n", Enumerable.Repeat(Valid, 3000)));
        var ids = JsonLinesSource.Read(new MemoryStream(file), Seed, Now).Select(l => l.Response!.Id).ToList();

        Assert.Equal(3000, ids.Distinct().Count());
        Assert.Equal(ids, ids.OrderBy(ImportIdsTests.DatabaseOrder, StringComparer.Ordinal));
    }

    /// <summary>Everything a line yields but its random id: number, errors with their words, time, answers and texts.</summary>
    private static string Describe(ImportedLine line) => JsonSerializer.Serialize(new
    {
        line.Line,
        Errors = line.Errors.Select(e => $"{e.Key}|{e.Rule}|{e.Message}"),
        SubmittedAt = line.Response?.SubmittedAt,
        Mode = line.Response?.Mode,
        Answers = line.Response?.Submission.Answers,
        OtherText = line.Response?.Submission.OtherText,
        Text = line.Response?.Submission.Text,
    });
}
