namespace Survey.Api.Results;

/// <summary>
/// The plain counts of an analysis, derived from the pass's pattern counts: responses, option counts, answered and
/// shown per question, and the texts written ("other" and text questions, most frequent first).
/// </summary>
public sealed record ResponseCounts(
    long Responses,
    IReadOnlyDictionary<(string Question, string Option), long> OptionCounts,
    IReadOnlyDictionary<string, long> Answered,
    IReadOnlyDictionary<string, long> Shown,
    IReadOnlyList<(string Question, string? Option, string Text, long Count)> Texts);
