namespace Survey.Tests.Analysis.Charts;

/// <summary>Renders every cookbook chart to bin/…/charts/ (PNG and SVG). Look at them.</summary>
public class ChartCookbookTests
{
    [Fact]
    public void Every_chart_renders_to_png_and_svg()
    {
        var written = ChartCookbook.All().Select(c => ChartOutput.Save(c.Chart, c.Name)).ToList();
        foreach (var (name, chart) in ChartCookbook.All().Select(c => (c.Name, c.Chart)))
            Survey.Tests.TestSupport.EnglishText.AssertNone(string.Join("\n", chart.Texts), name);

        // 10 + 13 choice questions, the shown-base variant, 3 cross-tabs, 2 satisfaction charts, 1 daily chart, 2 trends, 2 leagues.
        Assert.Equal(34, written.Count);
        Assert.All(written, path =>
        {
            byte[] header = File.ReadAllBytes(path).Take(8).ToArray();
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, header);
        });
    }
}
