using Microsoft.Extensions.Options;
using Survey.Analysis.League;
using Survey.Analysis.Tallies;
using Survey.Analysis.Trends;
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
        var (changes, leftOut) = previous is null ? ((IReadOnlyList<OrganisationChange>)[], (IReadOnlyList<string>)[])
            : Compare(await leagues.ComputeAsync(questionnaire, others, by, previous, cancellationToken), (league, figures));
        return new RoundReport(round, previous, by, league, figures.Responses,
            TrendService.Build(questionnaire, TallyBase.Answered, null, trendFigures, threshold), threshold, changes, leftOut);
    }

    /// <summary>
    /// Each organisation's index change between two rounds' leagues: Welch t on the moments of its respondents' composite
    /// scores (the league's index is their mean). Organisations withheld in either round are left out, and so are those
    /// without a test (fewer than two scores, or no spread in either round).
    /// </summary>
    public static (IReadOnlyList<OrganisationChange> Changes, IReadOnlyList<string> LeftOut) Compare(
        (LeagueResult League, RoundFigures Figures) earlier, (LeagueResult League, RoundFigures Figures) later)
    {
        var before = earlier.League.Rows.ToDictionary(r => r.Id);
        var changes = new List<OrganisationChange>();
        var leftOut = new List<string>();
        foreach (var row in later.League.Rows)
        {
            var previous = before.GetValueOrDefault(row.Id);
            var test = previous is null || previous.Suppressed || row.Suppressed ? null
                : WelchTTest.Compute(earlier.Figures.CompositeBySegment.GetValueOrDefault(row.Id), later.Figures.CompositeBySegment.GetValueOrDefault(row.Id));
            if (test is null || previous!.Index?.Index is not { } from || row.Index?.Index is not { } to) { leftOut.Add(row.Label); continue; }
            // Unrounded (TrendService.View rounds p to 4 places, and rounding again to 3 for print could be off by one).
            changes.Add(new OrganisationChange(row.Id, row.Label, from, to,
                new ChangeView(test.Statistic, test.Value, test.DegreesOfFreedom, test.PValue, test.Difference, test.Label)));
        }
        return (changes, leftOut);
    }
}
