using Survey.Analysis.Rounds;
using Survey.Api.Organiser;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Rounds;

/// <summary>The dashboard's round selector (<c>round=</c>): the named rounds, or the last rounds of the questionnaire's period.</summary>
public static class RoundSelector
{
    public const int CalendarRoundsShown = 8;

    /// <summary>The rounds offered: named ones, or the <see cref="CalendarRoundsShown"/> latest calendar rounds up to today (Beijing).</summary>
    public static IReadOnlyList<Round> Offered(Questionnaire questionnaire, DateTime utcNow)
    {
        if (RoundSchedule.Named(questionnaire) is { Count: > 0 } named) return named;
        var period = RoundSchedule.DefaultPeriod(questionnaire);
        var rounds = new List<Round> { RoundCalendar.Containing(period, Survey.Core.Definitions.BeijingTime.DayOf(utcNow)) };
        while (rounds.Count < CalendarRoundsShown) rounds.Add(RoundCalendar.Containing(period, rounds[^1].From.AddDays(-1)));
        return rounds;
    }

    public static Markup Field(HttpContext context, Questionnaire questionnaire, Round? selected)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var rounds = Offered(questionnaire, now).ToList();
        if (selected is not null && rounds.All(r => r.Id != selected.Id)) rounds.Insert(0, selected);
        var options = rounds.Select(r => r.Id == selected?.Id
            ? Html($"""<option value="{r.Id}" selected>{r.Label}</option>""")
            : Html($"""<option value="{r.Id}">{r.Label}</option>"""));
        return Html($"""<label>测评轮次<select name="round"><option value="">全部轮次</option>{options}</select></label>""");
    }
}
