using Survey.Api.Results;
using Survey.Analysis.Rounds;
using Survey.Analysis.Statistics;
using Survey.Analysis.Tallies;
using Survey.Api.Infrastructure;

namespace Survey.Api.Rounds;

/// <summary>
/// The one seam between rounds and the results path. Today each round is one analysis of the responses submitted in
/// it (the round's Beijing-day bounds added to the filter), so a trend over R rounds costs R analyses. When the pattern
/// engine carries the round as a key, n(p, j, r), this class is what changes: one pass fills every round.
/// </summary>
public sealed class RoundSource(ResultsService results, SurveyDbContext db)
{
    /// <summary>First and last submission (UTC) under the filter, to lay calendar rounds over.</summary>
    public async Task<(DateTime? First, DateTime? Last)> SpanAsync(Questionnaire questionnaire, ResponseFilter filter, CancellationToken cancellationToken)
    {
        var activity = await SubmissionActivity.QueryAsync(db, questionnaire.Id, filter with { Round = null }, cancellationToken);
        return (activity.First, activity.Last);
    }

    public async Task<RoundFigures> LoadAsync(Questionnaire questionnaire, ResponseFilter filter, TallyBase basis, Question? by, Round round,
        CancellationToken cancellationToken)
    {
        var inRound = filter with { Round = round };
        var analysis = await results.AnalyseAsync(questionnaire, inRound, basis, by, cancellationToken);
        var composite = await CompositeScoreMoments.QueryAsync(db, questionnaire, inRound, cancellationToken);
        var bySegment = by is null ? [] : await CompositeScoreMoments.QueryBySegmentAsync(db, questionnaire, by, inRound, cancellationToken);
        return new RoundFigures(round, analysis, Moments(composite),
            bySegment.ToDictionary(s => s.Key, s => Moments(s.Value)));
    }

    private static ScoreMoments Moments(CompositeScoreMoments m) => new(m.N, m.Sum, m.SumOfSquares);
}
