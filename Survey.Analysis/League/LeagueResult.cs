namespace Survey.Analysis.League;

/// <summary>The league rows, ranked first, withheld last; <see cref="RankedByComposite"/> says which figure ranks them.</summary>
public sealed record LeagueResult(bool RankedByComposite, IReadOnlyList<LeagueRow> Rows);
