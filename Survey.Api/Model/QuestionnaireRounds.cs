namespace Survey.Api.Model;

/// <summary>
/// How responses fall into evaluation rounds: a calendar <see cref="Period"/> (month, quarter, half, year, in
/// Beijing time) or explicit <see cref="Named"/> rounds; exactly one of the two. Without it, rounds are quarters.
/// </summary>
public sealed record QuestionnaireRounds
{
    public string? Period { get; init; }
    public IReadOnlyList<NamedRound>? Named { get; init; }
}
