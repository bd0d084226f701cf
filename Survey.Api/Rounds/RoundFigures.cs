using Survey.Api.Results;
using Survey.Analysis.Rounds;
using Survey.Analysis.Statistics;

namespace Survey.Api.Rounds;

/// <summary>
/// What a trend or league needs of one round: the analysis of its responses (tallies, and cross-tabs when broken down)
/// and the moments of the respondents' composite scores, overall and per option of the break-down question.
/// </summary>
public sealed record RoundFigures(
    Round Round,
    QuestionnaireAnalysis Analysis,
    ScoreMoments Composite,
    IReadOnlyDictionary<string, ScoreMoments> CompositeBySegment)
{
    public long Responses => Analysis.Counts.Responses;
}
