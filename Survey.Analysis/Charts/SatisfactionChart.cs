using ScottPlot;

namespace Survey.Analysis.Charts;

/// <summary>Satisfaction index (0–100) per item or per segment, as horizontal bars with 95% CI whiskers.</summary>
public static class SatisfactionChart
{
    public const int DefaultWidth = 900;
    public const string Subtitle = "满意度指数 = 有评分回答的平均分（0–100，不了解不计入）；误差线为 95% 置信区间";

    /// <summary>Index per item, with the composite as an extra (orange) bar at the bottom when given.</summary>
    public static RenderedChart Create(string title, IReadOnlyList<SatisfactionChartItem> items, SatisfactionChartItem? composite = null)
    {
        var bars = items.Select(i => (i, ChartCanvas.Primary)).ToList();
        if (composite is not null) bars.Add((composite, ChartCanvas.Accent));
        return Chart(title, bars);
    }

    /// <summary>Composite index per segment (e.g. per identity).</summary>
    public static RenderedChart CreateBySegment(string title, IReadOnlyList<SatisfactionChartItem> segments)
        => Chart(title, segments.Select(s => (s, ChartCanvas.Accent)).ToList());

    /// <summary>"82.4 (n=120)", or "无评分" when nobody gave a score.</summary>
    public static string ValueLabel(SatisfactionChartItem item)
        => item.Index.Index is { } index ? $"{index:0.0} (n={item.Index.N})" : "无评分";

    private static RenderedChart Chart(string title, IReadOnlyList<(SatisfactionChartItem Item, Color Color)> bars)
        => new(width => Build(title, bars, width), DefaultWidth, 150 + 40 * Math.Max(1, bars.Count));

    private static ChartCanvas Build(string title, IReadOnlyList<(SatisfactionChartItem Item, Color Color)> bars, int width)
    {
        var canvas = new ChartCanvas(width);
        canvas.SetTitle(title, Subtitle);
        int count = bars.Count;
        double[] positions = Enumerable.Range(0, count).Select(i => (double)(count - 1 - i)).ToArray();

        var plotted = bars.Select((b, i) =>
        {
            var index = b.Item.Index;
            return new Bar
            {
                Position = positions[i],
                Value = index.Index ?? 0,
                // The t interval is symmetric, so one error length describes it.
                Error = index.CiHigh is { } high && index.Index is { } mean ? high - mean : 0,
                Orientation = Orientation.Horizontal,
                FillColor = b.Color,
                // ScottPlot draws the error whiskers with the bar's outline style, so the outline must be visible.
                LineWidth = 1.5f,
                LineColor = ChartCanvas.Whisker,
                Size = 0.65,
                ErrorSize = 0.3,
            };
        }).ToList();
        canvas.Plot.Add.Bars(plotted);

        // Value labels sit right of the whisker, not at the bar end where the whisker would cross them.
        for (int i = 0; i < count; i++)
        {
            var index = bars[i].Item.Index;
            double x = index.CiHigh ?? index.Index ?? 0;
            var label = canvas.AddText(ValueLabel(bars[i].Item), x, positions[i], Alignment.MiddleLeft, ChartCanvas.SmallSize, Colors.Black);
            label.OffsetX = 6;
        }

        canvas.SetCategoryTicks(canvas.Plot.Axes.Left, positions, bars.Select(b => b.Item.Label), width * 0.37f);
        ChartCanvas.SetNumericTicks(canvas.Plot.Axes.Bottom, Enumerable.Range(0, 6).Select(i => i * 20.0), v => $"{v:0}");
        canvas.SetAxisLabel(canvas.Plot.Axes.Bottom, "满意度指数（0–100）");
        canvas.Plot.Axes.SetLimits(0, 128, -0.6, count - 0.4);
        canvas.Plot.Grid.YAxisStyle.IsVisible = false;
        return canvas;
    }
}
