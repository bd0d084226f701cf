using Survey.Analysis.Crosstabs;

namespace Survey.Analysis.Charts;

/// <summary>Grouped bars (column percent) per row option, one bar colour per column; suppressed cells marked.</summary>
public static class CrosstabChart
{
    public static RenderedChart Create(CrosstabResult result, string title) => throw new NotImplementedException();
}
