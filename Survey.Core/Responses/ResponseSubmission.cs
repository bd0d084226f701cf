namespace Survey.Core.Responses;

/// <summary>
/// What a respondent submitted, before validation: chosen option ids per question, "other" texts per question,
/// and answers to text questions. Built from the JSON API body or from the classic HTML form.
/// </summary>
public sealed record ResponseSubmission(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Answers,
    IReadOnlyDictionary<string, string> OtherText,
    IReadOnlyDictionary<string, string> Text)
{
    public static ResponseSubmission Empty { get; } = new(
        new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, string>(), new Dictionary<string, string>());

    public IReadOnlyList<string> ChosenOptions(string questionId) => Answers.GetValueOrDefault(questionId) ?? [];
}
