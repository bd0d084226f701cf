using System.Text.Json;

namespace Survey.Api.Entry;

/// <summary>
/// A validated submission as a pending double-entry form stores it (<see cref="Model.EntryForm.Answers"/>): JSON with
/// question ids and option ids sorted, so two copies typed the same way store the same text, and back.
/// </summary>
public static class EntryAnswers
{
    private sealed record Stored(
        SortedDictionary<string, string[]> Answers, SortedDictionary<string, string> Other, SortedDictionary<string, string> Text);

    public static string Write(ResponseSubmission submission) => JsonSerializer.Serialize(new Stored(
        new(submission.Answers.Where(a => a.Value.Count > 0).ToDictionary(a => a.Key, a => a.Value.Order(StringComparer.Ordinal).ToArray()), StringComparer.Ordinal),
        new(submission.OtherText.Where(t => t.Value.Length > 0).ToDictionary(), StringComparer.Ordinal),
        new(submission.Text.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(), StringComparer.Ordinal)));

    public static ResponseSubmission Read(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json) ?? throw new InvalidDataException("Empty entry form.");
        return new ResponseSubmission(
            stored.Answers.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value),
            stored.Other.ToDictionary(), stored.Text.ToDictionary());
    }

    /// <summary>One question's answer in words, for the comparison page: the labels ticked, the "other" words, the text.</summary>
    public static string Describe(Question question, ResponseSubmission submission)
    {
        if (question.Type == QuestionType.Text)
            return submission.Text.GetValueOrDefault(question.Id) is { Length: > 0 } text ? $"“{text}”" : "（未答）";
        var chosen = submission.ChosenOptions(question.Id);
        if (chosen.Count == 0) return "（未答）";
        var labels = question.OptionList.Where(o => chosen.Contains(o.Id)).Select(o =>
            o.AllowsText && submission.OtherText.GetValueOrDefault(question.Id) is { Length: > 0 } other ? $"{o.Label}：“{other}”" : o.Label);
        return string.Join("；", labels);
    }

    /// <summary>Whether two submissions answer one question the same way (options, "other" words, text).</summary>
    public static bool SameAnswer(Question question, ResponseSubmission a, ResponseSubmission b) =>
        a.ChosenOptions(question.Id).Order(StringComparer.Ordinal).SequenceEqual(b.ChosenOptions(question.Id).Order(StringComparer.Ordinal))
        && (a.OtherText.GetValueOrDefault(question.Id) ?? "") == (b.OtherText.GetValueOrDefault(question.Id) ?? "")
        && (a.Text.GetValueOrDefault(question.Id) ?? "").Trim() == (b.Text.GetValueOrDefault(question.Id) ?? "").Trim();

    /// <summary>Copies one question's answer from <paramref name="source"/> into <paramref name="target"/> (the rest of target unchanged).</summary>
    public static ResponseSubmission TakeQuestion(Question question, ResponseSubmission target, ResponseSubmission source)
    {
        var answers = target.Answers.Where(a => a.Key != question.Id).ToDictionary();
        var other = target.OtherText.Where(a => a.Key != question.Id).ToDictionary();
        var text = target.Text.Where(a => a.Key != question.Id).ToDictionary();
        if (source.Answers.TryGetValue(question.Id, out var chosen)) answers[question.Id] = chosen;
        if (source.OtherText.TryGetValue(question.Id, out var words)) other[question.Id] = words;
        if (source.Text.TryGetValue(question.Id, out var written)) text[question.Id] = written;
        return new ResponseSubmission(answers, other, text);
    }
}
