using Survey.Core.Definitions;

namespace Survey.Tests.Core.Definitions;

/// <summary>Beijing time is UTC+8 all year (no daylight saving since 1991); the examples are worked by hand.</summary>
public sealed class BeijingTimeTests
{
    [Theory]
    [InlineData("2026-03-31T15:59:00Z", "2026-03-31")] // 23:59 in Beijing
    [InlineData("2026-03-31T16:00:00Z", "2026-04-01")] // 00:00 on 1 April in Beijing
    [InlineData("2026-03-31T20:00:00Z", "2026-04-01")] // 04:00 on 1 April in Beijing
    [InlineData("2026-07-01T00:00:00Z", "2026-07-01")] // 08:00 in Beijing, summer: still +8
    public void A_UTC_instant_falls_on_its_Beijing_day(string utc, string day)
    {
        var instant = DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

        Assert.Equal(DateOnly.Parse(day), BeijingTime.DayOf(instant));
        Assert.Equal(DateOnly.Parse(day), BeijingTime.DayOf(new DateTimeOffset(instant)));
    }

    [Fact]
    public void A_Beijing_day_starts_at_16_00_UTC_the_day_before_and_times_read_as_Beijing_wall_clock()
    {
        var start = BeijingTime.StartOfDayUtc(new DateOnly(2026, 4, 1));

        Assert.Equal(new DateTime(2026, 3, 31, 16, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(DateTimeKind.Utc, start.Kind);
        Assert.Equal(new DateTime(2026, 4, 1, 4, 0, 0), BeijingTime.Local(new DateTime(2026, 3, 31, 20, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(BeijingTime.Offset, TimeSpan.FromMinutes(BeijingTime.OffsetMinutes));
    }
}
