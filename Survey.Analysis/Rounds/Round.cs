namespace Survey.Analysis.Rounds;

/// <summary>
/// One evaluation round: the responses submitted from <see cref="From"/> to <see cref="To"/>, both whole days in Beijing
/// time (Asia/Shanghai). Calendar ids: 2026-03, 2026-Q1, 2026-H1, 2026; named rounds carry their own id.
/// </summary>
public sealed record Round(string Id, string Label, DateOnly From, DateOnly To)
{
    /// <summary>First instant of the round, in UTC (00:00 Beijing on <see cref="From"/>).</summary>
    public DateTime StartUtc => Survey.Core.Definitions.BeijingTime.StartOfDayUtc(From);

    /// <summary>First instant after the round, in UTC (00:00 Beijing on the day after <see cref="To"/>).</summary>
    public DateTime EndUtc => Survey.Core.Definitions.BeijingTime.StartOfDayUtc(To.AddDays(1));

    public bool Contains(DateOnly beijingDay) => beijingDay >= From && beijingDay <= To;
}
