using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using Survey.Api.Responses;

namespace Survey.Tests.Responses;

/// <summary>
/// The request hash an Idempotency-Key is stored with: the same submission (in any JSON order) hashes the same, any
/// other submission differently, and the bytes hashed are those earlier versions stored, so a retry still matches a
/// record written before an upgrade or by an instance still running the old version.
/// </summary>
public sealed class IdempotencyKeyTests
{
    private static ResponseSubmission Submission(
        (string Question, string[] Options)[] answers, (string Question, string Text)[]? other = null, (string Question, string Text)[]? text = null) =>
        new(answers.ToDictionary(a => a.Question, a => (IReadOnlyList<string>)a.Options),
            (other ?? []).ToDictionary(t => t.Question, t => t.Text),
            (text ?? []).ToDictionary(t => t.Question, t => t.Text));

    private static string Hash(ResponseSubmission submission) => IdempotencyKey.For("grassroots-service", "key-1", submission).RequestHash;

    /// <summary>The canonical form as earlier versions built it (JsonSerializer over an anonymous object), the reference here.</summary>
    private static string SerializedAsBefore(ResponseSubmission submission) => JsonSerializer.Serialize(new
    {
        answers = submission.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new { q = a.Key, o = a.Value.Order(StringComparer.Ordinal) }),
        other = submission.OtherText.Where(t => t.Value.Length > 0).OrderBy(t => t.Key, StringComparer.Ordinal),
        text = submission.Text.Where(t => t.Value.Length > 0).OrderBy(t => t.Key, StringComparer.Ordinal),
    });

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    [Fact]
    public void A_known_submission_hashes_to_the_value_stored_by_earlier_versions()
    {
        // Expected: `printf '%s' '<the JSON below>' | sha256sum`, the canonical form earlier versions hashed.
        const string canonical = """{"answers":[{"q":"identity","o":["resident"]},{"q":"problems","o":["other","superficial"]}],"other":[{"Key":"problems","Value":"\u4FEE\u8DEF"}],"text":[]}""";
        var submission = Submission([("problems", ["superficial", "other"]), ("identity", ["resident"])], other: [("problems", "修路")], text: [("advice", "")]);

        Assert.Equal(canonical, IdempotencyKey.CanonicalForm(submission));
        Assert.Equal("6376b6c128380dd7d57b495cbf57e75a9bd425a2dc0ed539969307ad0c46c393", Hash(submission));
    }

    /// <summary>Arbitrary ids and texts (any UTF-16, lone surrogates, quotes and HTML included): the same bytes and hash as before.</summary>
    [Property(MaxTest = 2000)]
    public bool Any_submission_hashes_as_earlier_versions_did((string?, string?[]?)[]? answers, (string?, string?)[]? other, (string?, string?)[]? text)
    {
        var submission = new ResponseSubmission(
            (answers ?? []).DistinctBy(a => a.Item1 ?? "").ToDictionary(a => a.Item1 ?? "", a => (IReadOnlyList<string>)(a.Item2 ?? []).Select(o => o ?? "").ToArray()),
            (other ?? []).DistinctBy(t => t.Item1 ?? "").ToDictionary(t => t.Item1 ?? "", t => t.Item2 ?? ""),
            (text ?? []).DistinctBy(t => t.Item1 ?? "").ToDictionary(t => t.Item1 ?? "", t => t.Item2 ?? ""));
        var before = SerializedAsBefore(submission);
        return IdempotencyKey.CanonicalForm(submission) == before && Hash(submission) == Sha256Hex(before);
    }

    [Fact]
    public void The_same_answers_in_another_order_hash_the_same()
    {
        var first = Submission([("identity", ["cadre"]), ("problems", ["superficial", "other", "showing-off"])],
            other: [("problems", "修路"), ("groups-in-need", "老人")], text: [("advice", "多修路"), ("more", "好")]);
        var reordered = Submission([("problems", ["other", "showing-off", "superficial"]), ("identity", ["cadre"])],
            other: [("groups-in-need", "老人"), ("problems", "修路")], text: [("more", "好"), ("advice", "多修路")]);

        Assert.Equal(Hash(first), Hash(reordered));
    }

    /// <summary>An empty text is no text (the stored rows are the same), so it does not change the hash.</summary>
    [Fact]
    public void An_empty_text_hashes_as_no_text()
    {
        var without = Submission([("identity", ["cadre"])]);
        var empty = Submission([("identity", ["cadre"])], other: [("problems", "")], text: [("advice", "")]);

        Assert.Equal(Hash(without), Hash(empty));
    }

    public static TheoryData<string, ResponseSubmission> Others() => new()
    {
        { "another option", Submission([("identity", ["member"]), ("problems", ["superficial", "other"])], other: [("problems", "修路")]) },
        { "an option more", Submission([("identity", ["resident"]), ("problems", ["superficial", "other", "showing-off"])], other: [("problems", "修路")]) },
        { "an option less", Submission([("identity", ["resident"]), ("problems", ["other"])], other: [("problems", "修路")]) },
        { "an option twice", Submission([("identity", ["resident"]), ("problems", ["superficial", "other", "other"])], other: [("problems", "修路")]) },
        { "an option under another question", Submission([("identity", ["resident", "superficial"]), ("problems", ["other"])], other: [("problems", "修路")]) },
        { "a question with no options", Submission([("identity", ["resident"]), ("problems", ["superficial", "other"]), ("necessity", [])], other: [("problems", "修路")]) },
        { "a question left out", Submission([("problems", ["superficial", "other"])], other: [("problems", "修路")]) },
        { "another other text", Submission([("identity", ["resident"]), ("problems", ["superficial", "other"])], other: [("problems", "修桥")]) },
        { "the other text under another question", Submission([("identity", ["resident"]), ("problems", ["superficial", "other"])], other: [("identity", "修路")]) },
        { "the other text as a text answer", Submission([("identity", ["resident"]), ("problems", ["superficial", "other"])], text: [("problems", "修路")]) },
        { "the other text with a space", Submission([("identity", ["resident"]), ("problems", ["superficial", "other"])], other: [("problems", "修路 ")]) },
        { "a text answer more", Submission([("identity", ["resident"]), ("problems", ["superficial", "other"])], other: [("problems", "修路")], text: [("advice", "好")]) },
        { "ids joined differently", Submission([("identity", ["resident"]), ("problems", ["superficialother"])], other: [("problems", "修路")]) },
        { "a separator inside an id", Submission([("identity", ["resident\",\"problems"]), ("problems", ["superficial", "other"])], other: [("problems", "修路")]) },
    };

    [Theory]
    [MemberData(nameof(Others))]
    public void Any_other_submission_hashes_differently(string change, ResponseSubmission other)
    {
        var original = Submission([("identity", ["resident"]), ("problems", ["superficial", "other"])], other: [("problems", "修路")]);

        Assert.True(Hash(original) != Hash(other), change);
    }

    [Fact]
    public void The_key_hash_depends_on_the_questionnaire_and_the_key_only()
    {
        var submission = Submission([("identity", ["resident"])]);
        var key = IdempotencyKey.For("grassroots-service", "key-1", submission);

        Assert.Equal(key.KeyHash, IdempotencyKey.For("grassroots-service", "key-1", Submission([("identity", ["cadre"])])).KeyHash);
        Assert.NotEqual(key.KeyHash, IdempotencyKey.For("grassroots-service", "key-2", submission).KeyHash);
        Assert.NotEqual(key.KeyHash, IdempotencyKey.For("resident-satisfaction", "key-1", submission).KeyHash);
    }
}
