namespace Survey.Core.Definitions;

/// <summary>
/// How responses fall into evaluation rounds: a calendar <see cref="Period"/> (month, quarter, half, year, in
/// Beijing time) or explicit <see cref="Named"/> rounds; exactly one of the two. Without it, rounds are quarters.
/// </summary>
public sealed record QuestionnaireRounds
{
    /// <summary>The calendar periods, as written in the file and in <c>period=</c>.</summary>
    public static readonly IReadOnlyList<string> Periods = ["month", "quarter", "half", "year"];

    public string? Period { get; init; }
    public IReadOnlyList<NamedRound>? Named { get; init; }
}
