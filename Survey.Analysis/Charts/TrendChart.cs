using ScottPlot;

namespace Survey.Analysis.Charts;

/// <summary>
/// A line per option or item across rounds, each with its 95% interval as a band. A round without a point (fewer
/// respondents than the suppression threshold, or none) breaks the line: a gap, never an interpolated point.
/// </summary>
public static class TrendChart
{
    public const int DefaultWidth = 900, DefaultHeight = 460;
    public const string GapNote = "样本不足";

    /// <summary>
    /// <paramref name="rounds"/> are the x-axis labels (with their n); each series has one point or null per round;
    /// <paramref name="percent"/> labels the axis in percent (option shares, satisfied rates), else as an index 0–100.
    /// </summary>
    public static RenderedChart Create(string title, string subtitle, IReadOnlyList<string> rounds, IReadOnlyList<TrendSeries> series, bool percent)
    {
        if (series.Any(s => s.Points.Count != rounds.Count)) throw new ArgumentException("Every series needs one point (or null) per round.", nameof(series));
        return new(width => Build(title, subtitle, rounds, series, percent, width), DefaultWidth, DefaultHeight);
    }

    private static ChartCanvas Build(string title, string subtitle, IReadOnlyList<string> rounds, IReadOnlyList<TrendSeries> series, bool percent, int width)
    {
        var canvas = new ChartCanvas(width);
        canvas.SetTitle(title, subtitle);
        var legend = new List<LegendItem>();
        for (int s = 0; s < series.Count; s++)
        {
            var color = ChartCanvas.Series[s % ChartCanvas.Series.Length];
            foreach (var run in Runs(series[s].Points))
            {
                // Lines are dodged a little sideways so that single points and their whiskers do not hide each other.
                double dodge = (s - (series.Count - 1) / 2.0) * Math.Min(0.06, 0.3 / Math.Max(1, series.Count));
                double[] xs = run.Select(i => i + dodge).ToArray();
                var points = run.Select(i => series[s].Points[i]!.Value).ToArray();
                if (run.Count > 1)
                {
                    var band = canvas.Plot.Add.FillY(xs, points.Select(p => p.Low).ToArray(), points.Select(p => p.High).ToArray());
                    band.FillColor = color.WithAlpha(0.15);
                    band.LineWidth = 0;
                }
                else
                {
                    // A lone round has no neighbour to spread a band to: a thin whisker with caps (an error bar, as in the
                    // league chart), not a thick bar that reads as a stripe across the plot.
                    const double cap = 0.07;
                    var (x, low, high) = (xs[0], points[0].Low, points[0].High);
                    foreach (var (x1, y1, x2, y2) in new[] { (x, low, x, high), (x - cap, low, x + cap, low), (x - cap, high, x + cap, high) })
                    {
                        var whisker = canvas.Plot.Add.Line(x1, y1, x2, y2);
                        whisker.LineColor = color;
                        whisker.LineWidth = 1.5f;
                    }
                }
                var line = canvas.Plot.Add.Scatter(xs, points.Select(p => p.Value).ToArray(), color);
                line.LineWidth = 2;
                line.MarkerSize = 7;
            }
            // A line with no point in any round has nothing to point at in the legend.
            if (series[s].Points.All(p => p is null)) continue;
            legend.Add(new LegendItem { LabelText = series[s].Label, LineColor = color, LineWidth = 2, MarkerColor = color, MarkerShape = MarkerShape.FilledCircle });
        }

        // Rounds where no line has a point say why, at the foot of the plot.
        for (int r = 0; r < rounds.Count; r++)
            if (series.All(s => s.Points[r] is null))
                canvas.AddText(GapNote, r, 4, Alignment.LowerCenter, ChartCanvas.SmallSize + 1, ChartCanvas.Muted);

        canvas.SetCategoryTicks(canvas.Plot.Axes.Bottom, Enumerable.Range(0, rounds.Count).Select(i => (double)i).ToList(), rounds,
            Math.Max(60, (width - 160f) / Math.Max(1, rounds.Count)));
        ChartCanvas.SetNumericTicks(canvas.Plot.Axes.Left, Enumerable.Range(0, 6).Select(i => i * 20.0), v => percent ? $"{v:0}%" : $"{v:0}");
        canvas.SetAxisLabel(canvas.Plot.Axes.Left, percent ? "百分比" : "指数（0–100）");
        // Room above 100 for the legend.
        canvas.Plot.Axes.SetLimits(-0.5, Math.Max(1, rounds.Count) - 0.5, 0, 100 + 12 * Math.Min(series.Count, 6));
        canvas.Plot.Grid.XAxisStyle.IsVisible = false;
        canvas.SetLegend(legend);
        return canvas;
    }

    /// <summary>Consecutive rounds that have a point: each run is drawn as one line, so a missing round is a gap.</summary>
    private static List<List<int>> Runs(IReadOnlyList<TrendPoint?> points)
    {
        var runs = new List<List<int>>();
        List<int>? current = null;
        for (int i = 0; i < points.Count; i++)
        {
            if (points[i] is null) { current = null; continue; }
            if (current is null) runs.Add(current = []);
            current.Add(i);
        }
        return runs;
    }
}
