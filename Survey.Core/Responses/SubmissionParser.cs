using System.Runtime.CompilerServices;
using System.Text.Json;
using Survey.Core.Definitions;

namespace Survey.Core.Responses;

/// <summary>
/// Reads the JSON body <c>{ "answers": { q: [optionId…] }, "otherText": { q: "…" }, "text": { q: "…" } }</c>
/// strictly: any other shape is refused with an error naming the field (or question) and the expected type,
/// instead of being half-read or silently ignored.
/// </summary>
public static class SubmissionParser
{
    /// <param name="questionnaire">When given, the ids it knows are its own strings in the result (<see cref="KnownNames"/>); the result is the same.</param>
    public static (ResponseSubmission? Submission, IReadOnlyList<SubmissionError> Errors) Parse(ReadOnlySpan<byte> body, Questionnaire? questionnaire = null)
    {
        // The reader does not check every byte of a string; invalid UTF-8 is refused here, never as a 500 later.
        if (!System.Text.Unicode.Utf8.IsValid(body)) return (null, [new("$", "encoding", "提交内容不是有效的UTF-8文本")]);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return (null, [new("$", "json", "提交内容不是有效的JSON")]);
        }
        using (document)
        {
            return Parse(document.RootElement, questionnaire: questionnaire);
        }
    }

    /// <param name="skipField">A field another reader has taken (the import's <c>submittedAt</c>): left out, every occurrence.</param>
    /// <param name="questionnaire">When given, the ids it knows are its own strings in the result (<see cref="KnownNames"/>); the result is the same.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (ResponseSubmission? Submission, IReadOnlyList<SubmissionError> Errors) Parse(JsonElement root, string? skipField = null, Questionnaire? questionnaire = null)
    {
        var names = questionnaire is null ? null : KnownNames.Of(questionnaire);
        var errors = new List<SubmissionError>();
        if (root.ValueKind != JsonValueKind.Object)
            return (null, [new("$", "type", "提交内容应为JSON对象")]);

        var answers = new Dictionary<string, IReadOnlyList<string>>();
        var otherText = new Dictionary<string, string>();
        var text = new Dictionary<string, string>();
        HashSet<string>? seenFields = null;
        HashSet<string>? seen = null; // one map is read at a time: one set, cleared for each
        foreach (var field in root.EnumerateObject())
        {
            if (skipField is not null && field.NameEquals(skipField)) continue;
            var name = KnownField(field);
            if (name is null && !TryGetName(field, errors, out name)) continue;
            if (!(seenFields ??= new HashSet<string>()).Add(name))
            {
                errors.Add(new(name, "duplicateKey", $"字段“{name}”重复出现"));
                continue;
            }
            switch (name)
            {
                case "answers": ReadMap(name, field.Value, errors, seen ??= [], MapKind.Answers, answers, otherText, text, names); break;
                case "otherText": ReadMap(name, field.Value, errors, seen ??= [], MapKind.OtherText, answers, otherText, text, names); break;
                case "text": ReadMap(name, field.Value, errors, seen ??= [], MapKind.Text, answers, otherText, text, names); break;
                default: errors.Add(new(name, "unknownField", $"未知字段“{name}”（只接受 answers、otherText、text）")); break;
            }
        }
        return errors.Count > 0 ? (null, errors) : (new ResponseSubmission(answers, otherText, text), errors);
    }

    private enum MapKind { Answers, OtherText, Text }

    // One method and a kind rather than a delegate per map: this runs for every submission (and every line of an import).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadMap(string fieldName, JsonElement value, List<SubmissionError> errors, HashSet<string> seen, MapKind kind,
        Dictionary<string, IReadOnlyList<string>> answers, Dictionary<string, string> otherText, Dictionary<string, string> text, KnownNames? names)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(fieldName, "type", $"“{fieldName}”应为以题目编号为键的对象"));
            return;
        }
        seen.Clear();
        // Sized once for the entries there are, instead of growing 3, 7, 17 as they are added (every submission).
        var count = value.GetPropertyCount();
        seen.EnsureCapacity(count);
        if (kind == MapKind.Answers) answers.EnsureCapacity(count);
        else (kind == MapKind.OtherText ? otherText : text).EnsureCapacity(count);
        var next = 0; // where the next question is looked for among the known names
        foreach (var entry in value.EnumerateObject())
        {
            var known = names?.FindQuestion(entry, next) ?? -1;
            string question;
            if (known >= 0)
            {
                question = names!.QuestionId(known);
                next = known + 1;
            }
            else if (!TryGetName(entry, errors, out question)) continue;
            if (!seen.Add(question)) errors.Add(new(question, "duplicateKey", "同一题目出现了两次"));
            else if (kind == MapKind.Answers) ReadOptionList(question, entry.Value, answers, errors, known >= 0 ? names : null, known);
            else if (kind == MapKind.OtherText) ReadString(question, entry.Value, otherText, errors, "otherText");
            else ReadString(question, entry.Value, text, errors, "text");
        }
    }

    /// <param name="names">The questionnaire's names when <paramref name="known"/> is the question's position among them; null otherwise.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadOptionList(string question, JsonElement value, Dictionary<string, IReadOnlyList<string>> answers, List<SubmissionError> errors,
        KnownNames? names, int known)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(question, "type", "答案应为选项编号的数组"));
            return;
        }
        var options = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add(new(question, "type", "选项编号应为字符串"));
                return;
            }
            if (names?.FindOption(known, item) is { } knownOption)
            {
                options.Add(knownOption);
                continue;
            }
            if (!TryGetString(item, out var option))
            {
                errors.Add(new(question, "encoding", "选项编号含有无效字符"));
                return;
            }
            options.Add(option);
        }
        answers[question] = options;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadString(string question, JsonElement value, Dictionary<string, string> target, List<SubmissionError> errors, string field)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(question, "type", field == "text" ? "填写内容应为字符串" : "“其他”内容应为字符串"));
            return;
        }
        if (!TryGetString(value, out var content))
        {
            errors.Add(new(question, "encoding", "填写内容含有无效字符"));
            return;
        }
        target[question] = content;
    }

    /// <summary>One of the three fields, as a literal (no string per submission); null for any other name, or one that cannot be compared.</summary>
    private static string? KnownField(JsonProperty field)
    {
        try
        {
            return field.NameEquals("answers"u8) ? "answers" : field.NameEquals("otherText"u8) ? "otherText" : field.NameEquals("text"u8) ? "text" : null;
        }
        catch (InvalidOperationException)
        {
            return null; // an escaped lone surrogate: TryGetName reports it
        }
    }

    /// <summary>A property name holding an escaped lone surrogate ("\udc00") cannot be read as text: an error, not an exception.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryGetName(JsonProperty property, List<SubmissionError> errors, out string name)
    {
        try
        {
            name = property.Name; // read once: each read allocates a new string
            return true;
        }
        catch (InvalidOperationException)
        {
            errors.Add(new("$", "encoding", "字段名或题目编号含有无效字符"));
            name = "";
            return false;
        }
    }

    /// <summary>An escaped lone surrogate ("\ud800") is valid JSON but not valid text: refuse it here, not in the database.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryGetString(JsonElement element, out string value)
    {
        try
        {
            value = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = "";
            return false;
        }
    }
}
