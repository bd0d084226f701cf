using ScottPlot;

namespace Survey.Analysis.Charts;

/// <summary>
/// A built chart, rendered on demand to PNG or SVG in memory. <see cref="Texts"/> lists every text the
/// chart draws (title, subtitle, axis labels, tick labels, value labels, legend, annotations) so callers
/// and tests can check font coverage.
/// </summary>
public sealed class RenderedChart
{
    internal RenderedChart(Plot plot, IReadOnlyList<string> texts)
    {
        Plot = plot;
        Texts = texts;
    }

    internal Plot Plot { get; }

    public IReadOnlyList<string> Texts { get; }

    public byte[] Png(int width, int height, double scale = 1) => throw new NotImplementedException();

    public string Svg(int width, int height) => throw new NotImplementedException();
}
