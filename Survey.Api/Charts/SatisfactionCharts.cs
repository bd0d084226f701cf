using Survey.Analysis.Charts;
using Survey.Api.Results;

namespace Survey.Api.Charts;

/// <summary>The satisfaction chart of an analysis: index per item with CI whiskers, or the composite index per group (withheld groups drawn empty).</summary>
public static class SatisfactionCharts
{
    public static RenderedChart Create(SatisfactionAnalysis analysis)
    {
        var title = analysis.Questionnaire.Title;
        if (analysis.Segments is { } segments)
            return SatisfactionChart.CreateBySegment($"{title}：综合满意度指数（按“{analysis.By!.Text}”）",
                segments.Select(s => new SatisfactionChartItem(s.Option.Label, s.Suppressed ? SegmentIndices.Withheld : s.Composite)).ToList());
        return SatisfactionChart.Create($"{title}：各项满意度指数",
            analysis.Items.Select(i => new SatisfactionChartItem(i.Question.Text, i.Index)).ToList(),
            new SatisfactionChartItem("综合满意度指数", analysis.Composite));
    }
}
