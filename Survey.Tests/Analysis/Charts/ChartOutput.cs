using Survey.Analysis.Charts;

namespace Survey.Tests.Analysis.Charts;

/// <summary>Writes chart examples to bin/…/charts/ so they can be looked at.</summary>
public static class ChartOutput
{
    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "charts")).FullName;

    /// <summary>Saves PNG and SVG at the chart's suggested size; returns the PNG path.</summary>
    public static string Save(RenderedChart chart, string name)
    {
        string png = Path.Combine(Folder, name + ".png");
        File.WriteAllBytes(png, chart.Png(chart.SuggestedWidth, chart.SuggestedHeight));
        File.WriteAllText(Path.Combine(Folder, name + ".svg"), chart.Svg(chart.SuggestedWidth, chart.SuggestedHeight));
        return png;
    }
}
