namespace Survey.Analysis.Charts;

/// <summary>Satisfaction index per item (or per segment) with 95% CI whiskers.</summary>
public static class SatisfactionChart
{
    /// <summary>Index per item, with the composite as an extra bar at the bottom when given.</summary>
    public static RenderedChart Create(string title, IReadOnlyList<SatisfactionChartItem> items, SatisfactionChartItem? composite = null)
        => throw new NotImplementedException();

    /// <summary>Composite index per segment (e.g. per identity).</summary>
    public static RenderedChart CreateBySegment(string title, IReadOnlyList<SatisfactionChartItem> segments)
        => throw new NotImplementedException();
}
