using Survey.Analysis.Rounds;

namespace Survey.Tests.Analysis.Rounds;

public class RoundCalendarTests
{
    [Theory]
    // 2026-03-31T16:30Z is 00:30 on 1 April in Beijing (UTC+8): the second quarter, not the first.
    [InlineData("2026-03-31T16:30:00Z", "2026-04-01")]
    [InlineData("2026-03-31T15:59:00Z", "2026-03-31")]
    [InlineData("2025-12-31T16:00:00Z", "2026-01-01")]
    public void A_submission_belongs_to_its_Beijing_day(string utc, string beijingDay)
    {
        var instant = DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(DateOnly.Parse(beijingDay), Survey.Core.Definitions.BeijingTime.DayOf(instant));
    }

    [Theory]
    [InlineData(RoundPeriod.Month, "2026-03-15", "2026-03", "2026年3月", "2026-03-01", "2026-03-31")]
    [InlineData(RoundPeriod.Month, "2028-02-10", "2028-02", "2028年2月", "2028-02-01", "2028-02-29")]
    [InlineData(RoundPeriod.Quarter, "2026-03-31", "2026-Q1", "2026年第一季度", "2026-01-01", "2026-03-31")]
    [InlineData(RoundPeriod.Quarter, "2026-11-30", "2026-Q4", "2026年第四季度", "2026-10-01", "2026-12-31")]
    [InlineData(RoundPeriod.Half, "2026-07-01", "2026-H2", "2026年下半年", "2026-07-01", "2026-12-31")]
    [InlineData(RoundPeriod.Year, "2026-05-05", "2026", "2026年", "2026-01-01", "2026-12-31")]
    public void Calendar_rounds_have_ids_labels_and_whole_days(RoundPeriod period, string day, string id, string label, string from, string to)
    {
        var round = RoundCalendar.Containing(period, DateOnly.Parse(day));

        Assert.Equal(new Round(id, label, DateOnly.Parse(from), DateOnly.Parse(to)), round);
        Assert.True(RoundCalendar.TryParse(id, out var parsed));
        Assert.Equal(round, parsed);
    }

    [Fact]
    public void A_round_starts_and_ends_at_midnight_in_Beijing()
    {
        RoundCalendar.TryParse("2026-Q2", out var q2);

        Assert.Equal(new DateTime(2026, 3, 31, 16, 0, 0, DateTimeKind.Utc), q2.StartUtc);
        Assert.Equal(new DateTime(2026, 6, 30, 16, 0, 0, DateTimeKind.Utc), q2.EndUtc);
    }

    [Fact]
    public void The_rounds_between_two_days_include_empty_ones()
    {
        var rounds = RoundCalendar.Between(RoundPeriod.Quarter, new DateOnly(2025, 11, 3), new DateOnly(2026, 7, 1));

        Assert.Equal(["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"], rounds.Select(r => r.Id));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("2026q1")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_text_is_not_a_calendar_round(string? id)
    {
        Assert.False(RoundCalendar.TryParse(id, out _));
    }
}
