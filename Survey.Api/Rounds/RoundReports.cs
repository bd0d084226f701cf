using Microsoft.Extensions.Options;
using Survey.Analysis.Tallies;
using Survey.Api.Results;

namespace Survey.Api.Rounds;

/// <summary>The league and the changes from the previous round, for the downloads of one round (<see cref="RoundReport"/>).</summary>
public sealed class RoundReports(LeagueService leagues, TrendService trends, IOptions<SurveyOptions> options)
{
    /// <summary>Null unless the filter is one round of a scored questionnaire with evaluated organisations.</summary>
    public async Task<RoundReport?> ForAsync(Questionnaire questionnaire, ResponseFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Round is not { } round || !questionnaire.HasScoredItems
            || questionnaire.Evaluation?.Organisations is not { } organisations
            || questionnaire.FindQuestion(organisations) is not { Type: QuestionType.Single } by)
            return null;
        // The other filters (dates, answers) apply to every round, as in GET /league and GET /trend.
        var others = filter with { Round = null };
        var (league, figures) = await leagues.ComputeAsync(questionnaire, others, by, round, cancellationToken);
        var previous = RoundReport.PreviousOf(questionnaire, round);
        var rounds = previous is null ? new[] { round } : [previous, round];
        var trendFigures = await trends.FiguresAsync(questionnaire, others, TallyBase.Answered, rounds, cancellationToken);
        var threshold = options.Value.SuppressionThreshold;
        return new RoundReport(round, previous, by, league, figures.Responses,
            TrendService.Build(questionnaire, TallyBase.Answered, null, trendFigures, threshold), threshold);
    }
}
