namespace Survey.Core.Definitions;

/// <summary>
/// The one definition of the time the product shows and filters by: Beijing time (UTC+8). Residents and organisers are
/// in China, so a "day" is a Beijing calendar day everywhere: the organiser filters <c>from</c>/<c>to</c>, rounds, the
/// per-day activity, and every time shown on a page or in an export. Times are stored in UTC; they become Beijing time
/// only here, whatever the server's own zone.
/// </summary>
public static class BeijingTime
{
    /// <summary>Asia/Shanghai is UTC+8 with no daylight saving since 1991, so a fixed offset is exact for survey data.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary><see cref="Offset"/> in whole minutes (for counts kept as minutes since a UTC midnight).</summary>
    public const int OffsetMinutes = 8 * 60;

    /// <summary>The Beijing calendar day of a UTC instant (20:00 UTC on 31 March is 04:00 on 1 April in Beijing).</summary>
    public static DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(utc.Add(Offset));

    /// <summary>The Beijing calendar day of an instant.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DayOf(instant.UtcDateTime);

    /// <summary>The first instant (UTC) of a Beijing day: 16:00 UTC on the day before.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) =>
        DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);

    /// <summary>The Beijing wall-clock time of a UTC instant (Kind Unspecified: it is not the server's local time).</summary>
    public static DateTime Local(DateTime utc) => DateTime.SpecifyKind(utc.Add(Offset), DateTimeKind.Unspecified);

    /// <summary>The Beijing wall-clock time of an instant.</summary>
    public static DateTime Local(DateTimeOffset instant) => Local(instant.UtcDateTime);
}
