using System.Globalization;
using System.Text.RegularExpressions;

namespace Survey.Analysis.Rounds;

/// <summary>
/// Calendar rounds in Beijing days (<see cref="Survey.Core.Definitions.BeijingTime"/>): which round a day falls in, and the
/// rounds between two days.
/// </summary>
public static partial class RoundCalendar
{
    private static readonly string[] QuarterNames = ["一", "二", "三", "四"];

    /// <summary>The round of <paramref name="period"/> that holds the Beijing day <paramref name="day"/>.</summary>
    public static Round Containing(RoundPeriod period, DateOnly day)
    {
        int y = day.Year;
        return period switch
        {
            RoundPeriod.Month => new($"{y}-{day.Month:00}", $"{y}年{day.Month}月", new(y, day.Month, 1), new DateOnly(y, day.Month, 1).AddMonths(1).AddDays(-1)),
            RoundPeriod.Quarter => Quarter(y, (day.Month + 2) / 3),
            RoundPeriod.Half => Half(y, day.Month <= 6 ? 1 : 2),
            _ => new($"{y}", $"{y}年", new(y, 1, 1), new(y, 12, 31)),
        };
    }

    /// <summary>Every round of <paramref name="period"/> from the one holding <paramref name="first"/> to the one holding <paramref name="last"/>, empty ones included.</summary>
    public static IReadOnlyList<Round> Between(RoundPeriod period, DateOnly first, DateOnly last)
    {
        var rounds = new List<Round>();
        for (var round = Containing(period, first); round.From <= last; round = Containing(period, round.To.AddDays(1)))
            rounds.Add(round);
        return rounds;
    }

    /// <summary>Reads a calendar round id (2026-03, 2026-Q1, 2026-H2, 2026); false for anything else.</summary>
    public static bool TryParse(string? id, out Round round)
    {
        round = null!;
        var match = IdPattern().Match(id ?? "");
        if (!match.Success) return false;
        int year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2100) return false;
        if (match.Groups["month"].Success && int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture) is var month and >= 1 and <= 12)
            round = Containing(RoundPeriod.Month, new DateOnly(year, month, 1));
        else if (match.Groups["quarter"].Success) round = Quarter(year, match.Groups["quarter"].Value[0] - '0');
        else if (match.Groups["half"].Success) round = Half(year, match.Groups["half"].Value[0] - '0');
        else if (!match.Groups["month"].Success) round = Containing(RoundPeriod.Year, new DateOnly(year, 1, 1));
        return round is not null;
    }

    private static Round Quarter(int year, int q) =>
        new($"{year}-Q{q}", $"{year}年第{QuarterNames[q - 1]}季度", new(year, 3 * q - 2, 1), new DateOnly(year, 3 * q - 2, 1).AddMonths(3).AddDays(-1));

    private static Round Half(int year, int h) =>
        new($"{year}-H{h}", h == 1 ? $"{year}年上半年" : $"{year}年下半年", new(year, h == 1 ? 1 : 7, 1), h == 1 ? new(year, 6, 30) : new(year, 12, 31));

    [GeneratedRegex(@"^(?<year>\d{4})(-(?<month>\d{2})|-Q(?<quarter>[1-4])|-H(?<half>[12]))?$")]
    private static partial Regex IdPattern();
}
