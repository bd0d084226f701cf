using ScottPlot;

namespace Survey.Analysis.Charts;

/// <summary>
/// A chart, rendered on demand to PNG or SVG in memory. The layout (label wrapping) depends on the size, so
/// the plot is built for each render. <see cref="Texts"/> lists every text drawn at the suggested size (title,
/// subtitle, axis labels, tick labels, value labels, legend, annotations) so callers and tests can check
/// font coverage.
/// </summary>
public sealed class RenderedChart
{
    private readonly Func<int, ChartCanvas> build;

    internal RenderedChart(Func<int, ChartCanvas> build, int suggestedWidth, int suggestedHeight)
    {
        this.build = build;
        SuggestedWidth = suggestedWidth;
        SuggestedHeight = suggestedHeight;
    }

    /// <summary>A size at which every label fits (height grows with the number of bars).</summary>
    public int SuggestedWidth { get; }

    public int SuggestedHeight { get; }

    /// <summary>Every text drawn when rendered at the suggested size, including generated tick labels.</summary>
    public IReadOnlyList<string> Texts => DrawnTexts(SuggestedWidth, SuggestedHeight);

    public IReadOnlyList<string> DrawnTexts(int width, int height)
    {
        var canvas = build(width);
        canvas.Plot.RenderInMemory(width, height); // generates the automatic tick labels
        return canvas.Texts.Concat(canvas.TickLabels()).Where(t => t.Length > 0).Distinct().ToList();
    }

    public byte[] Png(int width, int height, double scale = 1)
    {
        var canvas = build(width);
        canvas.Plot.ScaleFactor = scale;
        return canvas.Plot.GetImageBytes((int)Math.Round(width * scale), (int)Math.Round(height * scale), ImageFormat.Png);
    }

    public string Svg(int width, int height) => build(width).Plot.GetSvgXml(width, height);
}
