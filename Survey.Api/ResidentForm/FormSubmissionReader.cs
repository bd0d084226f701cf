using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Survey.Api.Responses;

namespace Survey.Api.ResidentForm;

/// <summary>
/// Turns the classic form's <c>application/x-www-form-urlencoded</c> body into the same <see cref="ResponseSubmission"/>
/// the JSON API builds, so both paths go through <see cref="SubmissionValidator"/> and <see cref="ResponseStore"/>.
/// Field names: <c>a:{question}</c> (each chosen option id; radio buttons and check boxes), <c>other:{question}</c>
/// (the "other" option's own words), <c>text:{question}</c> (a text question), <c>key</c> (the form's idempotency key) and <c>invitation-code</c>.
/// Empty values are what a browser sends for untouched boxes: they mean "no answer". Anything else is refused by name.
/// </summary>
public static class FormSubmissionReader
{
    public const string AnswerPrefix = "a:";
    public const string OtherPrefix = "other:";
    public const string TextPrefix = "text:";
    public const string KeyField = "key";

    /// <summary>The invitation code (questionnaires with <c>"access": "codes"</c>), as typed.</summary>
    public const string CodeField = "invitation-code";

    public sealed record FormSubmission(ResponseSubmission Submission, IReadOnlyList<SubmissionError> Errors, string? IdempotencyKey,
        string? InvitationCode = null);

    public static async Task<FormSubmission> ReadAsync(byte[] body)
    {
        using var reader = new FormReader(new MemoryStream(body), Encoding.UTF8)
        {
            // The body is already bounded by MaxSubmissionBytes; these only stop pathological shapes.
            ValueCountLimit = 1024, KeyLengthLimit = 200, ValueLengthLimit = body.Length + 1,
        };
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> fields;
        try
        {
            fields = await reader.ReadFormAsync();
        }
        catch (InvalidDataException)
        {
            return new(ResponseSubmission.Empty, [new("$", "form", "提交内容格式有误")], null);
        }
        return Read(fields);
    }

    public static FormSubmission Read(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields)
    {
        var answers = new Dictionary<string, IReadOnlyList<string>>();
        var otherText = new Dictionary<string, string>();
        var text = new Dictionary<string, string>();
        var errors = new List<SubmissionError>();
        string? key = null;
        string? code = null;
        foreach (var (name, values) in fields)
        {
            if (name == KeyField)
            {
                key = values.Count == 1 && IsValidKey(values[0]) ? values[0] : null;
            }
            else if (name == CodeField)
            {
                code = values.Count == 1 ? values[0] : null;
            }
            else if (name.StartsWith(AnswerPrefix, StringComparison.Ordinal))
            {
                var chosen = values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
                if (chosen.Count > 0) answers[name[AnswerPrefix.Length..]] = chosen;
            }
            else if (name.StartsWith(OtherPrefix, StringComparison.Ordinal))
            {
                ReadSingle(name[OtherPrefix.Length..], values, otherText, errors);
            }
            else if (name.StartsWith(TextPrefix, StringComparison.Ordinal))
            {
                ReadSingle(name[TextPrefix.Length..], values, text, errors);
            }
            else
            {
                errors.Add(new(name, "unknownField", $"未知字段“{name}”"));
            }
        }
        return new(new ResponseSubmission(answers, otherText, text), errors, key, code);
    }

    /// <summary>The same rule as the JSON API's Idempotency-Key header: 1–128 visible ASCII characters.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= Apis.ResponsesApi.MaxIdempotencyKeyLength } && key.All(c => c is >= '!' and <= '~');

    private static void ReadSingle(string question, Microsoft.Extensions.Primitives.StringValues values, Dictionary<string, string> target, List<SubmissionError> errors)
    {
        var filled = values.Where(v => !string.IsNullOrEmpty(v)).ToList();
        if (filled.Count > 1)
        {
            errors.Add(new(question, "duplicateKey", "同一题目出现了两次"));
            return;
        }
        // Browsers send a textarea's line breaks as CRLF but count them as one character: store them as "\n".
        if (filled.Count == 1) target[question] = filled[0]!.Replace("\r\n", "\n");
    }
}
