namespace Survey.Api.Results.Engine;

/// <summary>
/// Everything one pass over the filtered responses counted: per choice question the pattern counts n(p, j), per
/// text key the texts written, the composite-score moments per level, and the submission days (Beijing days). Every figure the
/// product reports is derived from this without touching a response again.
/// </summary>
public sealed record PatternCounts(
    long Responses,
    IReadOnlyDictionary<string, QuestionPatterns> Questions,
    IReadOnlyDictionary<(string Question, string? Option), TextCounts> Texts,
    CompositeMoments[] CompositeByLevel,
    CompositeMoments Composite,
    DateTime? First,
    DateTime? Last,
    IReadOnlyDictionary<DateOnly, long> Days);

/// <summary>
/// Texts written for one key among the filtered responses: how many wrote any (a text question's "answered"), and
/// the most frequent distinct texts with their counts.
/// </summary>
public sealed record TextCounts(long Writers, IReadOnlyList<(string Text, long Count)> Top);
