namespace Survey.Analysis.Charts;

/// <summary>Small responses-per-day column chart for a dashboard.</summary>
public static class DailyCountsChart
{
    public static RenderedChart Create(IReadOnlyList<(DateOnly Day, long Count)> days, string title = "每日回收份数")
        => throw new NotImplementedException();
}
