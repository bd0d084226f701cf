using Survey.Api.Results;
using Survey.Analysis.Rounds;
using Survey.Analysis.Statistics;
using Survey.Analysis.Tallies;

namespace Survey.Api.Rounds;

/// <summary>
/// The one seam between rounds and the results path. Today each round is one engine pass over the responses submitted
/// in it (the round narrows <see cref="ResponseFilter.Window"/>; the pass is memoised, and its composite moments serve
/// the indices too), so a trend over R rounds costs R passes. When the pass carries the round as a key, n(p, j, r),
/// this class is what changes: one pass fills every round.
/// </summary>
public sealed class RoundSource(ResultsService results)
{
    /// <summary>First and last submission (UTC) under the filter, to lay calendar rounds over.</summary>
    public async Task<(DateTime? First, DateTime? Last)> SpanAsync(Questionnaire questionnaire, ResponseFilter filter, CancellationToken cancellationToken)
    {
        var activity = await results.ActivityAsync(questionnaire, filter with { Round = null }, cancellationToken);
        return (activity.First, activity.Last);
    }

    public async Task<RoundFigures> LoadAsync(Questionnaire questionnaire, ResponseFilter filter, TallyBase basis, Question? by, Round round,
        CancellationToken cancellationToken)
    {
        var inRound = filter with { Round = round };
        var analysis = await results.AnalyseAsync(questionnaire, inRound, basis, by, cancellationToken);
        // The same memoised pass the analysis used: its composite moments, overall and per level of the break-down.
        var counts = await results.CountAsync(questionnaire, inRound, by, null, cancellationToken);
        var bySegment = by is null
            ? new Dictionary<string, ScoreMoments>()
            : by.OptionList.Select((option, j) => (option.Id, Moments: Moments(counts.CompositeByLevel[j + 1]))).ToDictionary(s => s.Id, s => s.Moments);
        return new RoundFigures(round, analysis, Moments(counts.Composite), bySegment);
    }

    private static ScoreMoments Moments(Survey.Api.Results.Engine.CompositeMoments m) => new(m.N, m.Sum, m.SumOfSquares);
}
