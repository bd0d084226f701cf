using System.Text.Json;

namespace Survey.Core.Responses;

/// <summary>
/// Reads the JSON body <c>{ "answers": { q: [optionId…] }, "otherText": { q: "…" }, "text": { q: "…" } }</c>
/// strictly: any other shape is refused with an error naming the field (or question) and the expected type,
/// instead of being half-read or silently ignored.
/// </summary>
public static class SubmissionParser
{
    public static (ResponseSubmission? Submission, IReadOnlyList<SubmissionError> Errors) Parse(ReadOnlySpan<byte> body)
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
            return Parse(document.RootElement);
        }
    }

    /// <param name="skipField">A field another reader has taken (the import's <c>submittedAt</c>): left out, every occurrence.</param>
    public static (ResponseSubmission? Submission, IReadOnlyList<SubmissionError> Errors) Parse(JsonElement root, string? skipField = null)
    {
        var errors = new List<SubmissionError>();
        if (root.ValueKind != JsonValueKind.Object)
            return (null, [new("$", "type", "提交内容应为JSON对象")]);

        var answers = new Dictionary<string, IReadOnlyList<string>>();
        var otherText = new Dictionary<string, string>();
        var text = new Dictionary<string, string>();
        var seenFields = new HashSet<string>();
        foreach (var field in root.EnumerateObject())
        {
            if (skipField is not null && field.NameEquals(skipField)) continue;
            if (!TryGetName(field, errors)) continue;
            if (!seenFields.Add(field.Name))
            {
                errors.Add(new(field.Name, "duplicateKey", $"字段“{field.Name}”重复出现"));
                continue;
            }
            switch (field.Name)
            {
                case "answers": ReadMap(field, errors, (question, value) => ReadOptionList(question, value, answers, errors)); break;
                case "otherText": ReadMap(field, errors, (question, value) => ReadString(question, value, otherText, errors, "otherText")); break;
                case "text": ReadMap(field, errors, (question, value) => ReadString(question, value, text, errors, "text")); break;
                default: errors.Add(new(field.Name, "unknownField", $"未知字段“{field.Name}”（只接受 answers、otherText、text）")); break;
            }
        }
        return errors.Count > 0 ? (null, errors) : (new ResponseSubmission(answers, otherText, text), errors);
    }

    private static void ReadMap(JsonProperty field, List<SubmissionError> errors, Action<string, JsonElement> read)
    {
        if (field.Value.ValueKind == JsonValueKind.Null) return;
        if (field.Value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(field.Name, "type", $"“{field.Name}”应为以题目编号为键的对象"));
            return;
        }
        var seen = new HashSet<string>();
        foreach (var entry in field.Value.EnumerateObject())
        {
            if (!TryGetName(entry, errors)) continue;
            if (!seen.Add(entry.Name)) errors.Add(new(entry.Name, "duplicateKey", "同一题目出现了两次"));
            else read(entry.Name, entry.Value);
        }
    }

    private static void ReadOptionList(string question, JsonElement value, Dictionary<string, IReadOnlyList<string>> answers, List<SubmissionError> errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(question, "type", "答案应为选项编号的数组"));
            return;
        }
        var options = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add(new(question, "type", "选项编号应为字符串"));
                return;
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

    /// <summary>A property name holding an escaped lone surrogate ("\udc00") cannot be read as text: an error, not an exception.</summary>
    private static bool TryGetName(JsonProperty property, List<SubmissionError> errors)
    {
        try
        {
            _ = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            errors.Add(new("$", "encoding", "字段名或题目编号含有无效字符"));
            return false;
        }
    }

    /// <summary>An escaped lone surrogate ("\ud800") is valid JSON but not valid text: refuse it here, not in the database.</summary>
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
