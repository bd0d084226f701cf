using ScottPlot;

namespace Survey.Analysis.Charts;

/// <summary>Small responses-per-day column chart for a dashboard.</summary>
public static class DailyCountsChart
{
    public const int DefaultWidth = 600, DefaultHeight = 260;

    /// <summary>Days in the order given (callers pass them sorted, missing days as 0).</summary>
    public static RenderedChart Create(IReadOnlyList<(DateOnly Day, long Count)> days, string title = "每日回收份数")
        => new(width => Build(days, title, width), DefaultWidth, DefaultHeight);

    private static ChartCanvas Build(IReadOnlyList<(DateOnly Day, long Count)> days, string title, int width)
    {
        var canvas = new ChartCanvas(width);
        canvas.SetTitle(title, days.Count > 0 ? $"共 {days.Sum(d => d.Count)} 份，{days[0].Day:yyyy-MM-dd} 至 {days[^1].Day:yyyy-MM-dd}" : "暂无回收");
        bool labelled = days.Count <= 14;
        var bars = days.Select((d, i) => new Bar
        {
            Position = i,
            Value = d.Count,
            Label = labelled ? d.Count.ToString() : "",
            FillColor = ChartCanvas.Primary,
            LineWidth = 0,
            Size = 0.75,
        }).ToList();
        canvas.AddBars(bars);

        // About eight date labels whatever the period, so they never overlap.
        int step = Math.Max(1, (int)Math.Ceiling(days.Count / 8.0));
        var tickIndexes = Enumerable.Range(0, days.Count).Where(i => i % step == 0).ToList();
        canvas.SetCategoryTicks(canvas.Plot.Axes.Bottom, tickIndexes.Select(i => (double)i).ToList(),
            tickIndexes.Select(i => days[i].Day.ToString("MM-dd")), maxWidth: 80);
        long max = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => d.Count));
        var yTicks = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = v => $"{v:0}" };
        canvas.Plot.Axes.Left.TickGenerator = yTicks;
        canvas.SetAxisLabel(canvas.Plot.Axes.Left, "份数");
        canvas.Plot.Axes.SetLimits(-0.6, Math.Max(days.Count, 1) - 0.4, 0, max * 1.2);
        canvas.Plot.Grid.XAxisStyle.IsVisible = false;
        return canvas;
    }
}
