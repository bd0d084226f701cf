using Survey.Analysis.Statistics;

namespace Survey.Analysis.League;

/// <summary>
/// One organisation (an option of the break-down question) in one round: its respondents' composite scores, its
/// satisfied answers of the scored answers, and the entered review and self scores (null until entered).
/// </summary>
public sealed record LeagueEntry(
    string Id,
    string Label,
    ScoreMoments Residents,
    long Satisfied,
    long ScoredAnswers,
    double? Review = null,
    double? Self = null);
