using Survey.Analysis.League;
using Survey.Analysis.Rounds;

namespace Survey.Api.Rounds;

/// <summary>
/// What the downloads of one round add (<c>round=</c> on tallies.xlsx/csv and report.zip, for a questionnaire with evaluated
/// organisations): the league of the organisations (<see cref="League"/>, the same figures as <c>GET /league</c>), and the
/// trend over the previous round and this one (<see cref="Trend"/>: the changes with their tests). <see cref="Previous"/> is
/// null for the first named round. <see cref="Organisations"/>: each evaluated organisation's satisfaction-index change
/// from the previous round (Welch t on the respondents' composite scores of the two rounds' leagues), in league
/// order; <see cref="LeftOut"/>: the organisations withheld (fewer than the threshold) in either round, not compared.
/// </summary>
public sealed record RoundReport(
    Round Round,
    Round? Previous,
    Question By,
    LeagueResult League,
    long Responses,
    TrendResults Trend,
    int SuppressionThreshold,
    IReadOnlyList<OrganisationChange> Organisations,
    IReadOnlyList<string> LeftOut)
{
    /// <summary>The questionnaire's rounds run in periods or named rounds: the one just before <paramref name="round"/>.</summary>
    public static Round? PreviousOf(Questionnaire questionnaire, Round round)
    {
        var named = RoundSchedule.Named(questionnaire).OrderBy(r => r.From).ToList();
        if (named.FindIndex(r => r.Id == round.Id) is var at and >= 0) return at > 0 ? named[at - 1] : null;
        foreach (var period in Enum.GetValues<RoundPeriod>())
            if (RoundCalendar.Containing(period, round.From) is { } same && same.Id == round.Id)
                return RoundCalendar.Containing(period, round.From.AddDays(-1));
        return null;
    }
}

/// <summary>One organisation's satisfaction index in the previous round and this one (0–100) and the Welch t test of the change.</summary>
public sealed record OrganisationChange(string Id, string Label, double Before, double After, ChangeView Test);
