using ScottPlot;
using Survey.Analysis.Tallies;

namespace Survey.Analysis.Charts;

/// <summary>Horizontal bar chart of one choice question, options in questionnaire order (first at top).</summary>
public static class ChoiceChart
{
    public const int DefaultWidth = 800;

    public static RenderedChart Create(ChoiceTally tally)
    {
        int height = 150 + 42 * Math.Max(1, tally.Options.Count);
        return new RenderedChart(width => Build(tally, width), DefaultWidth, height);
    }

    /// <summary>"48.9% (762)", or "—" when the base is 0. One decimal: enough to tell options apart, no false precision.</summary>
    public static string ValueLabel(double? percent, long count) => percent is { } p ? $"{p:0.0}% ({count})" : "—";

    private static ChartCanvas Build(ChoiceTally tally, int width)
    {
        var canvas = new ChartCanvas(width);
        canvas.SetTitle(tally.Text, BaseDescription.Subtitle(tally));

        int count = tally.Options.Count;
        // Bars are drawn bottom-up, so the first option gets the highest position.
        double[] positions = Enumerable.Range(0, count).Select(i => (double)(count - 1 - i)).ToArray();
        var bars = tally.Options.Select((o, i) => new Bar
        {
            Position = positions[i],
            Value = o.PercentOfCases ?? 0,
            Label = ValueLabel(o.PercentOfCases, o.Count),
            Orientation = Orientation.Horizontal,
            FillColor = ChartCanvas.Primary,
            LineWidth = 0,
            Size = 0.7,
        }).ToList();
        canvas.AddBars(bars);

        canvas.SetCategoryTicks(canvas.Plot.Axes.Left, positions, tally.Options.Select(o => o.Label), width * 0.3f);
        double top = ChartCanvas.SetPercentTicks(canvas.Plot.Axes.Bottom, tally.Options.Select(o => o.PercentOfCases ?? 0).DefaultIfEmpty(0).Max());
        canvas.SetAxisLabel(canvas.Plot.Axes.Bottom, $"占{BaseDescription.Of(tally.Basis)}的百分比");
        // Room right of the longest bar for its value label.
        canvas.Plot.Axes.SetLimits(0, top * 1.32, -0.6, count - 0.4);
        canvas.Plot.Grid.YAxisStyle.IsVisible = false;
        return canvas;
    }
}
