using Survey.Analysis.Charts;
using Survey.Analysis.Satisfaction;

namespace Survey.Api.Results;

/// <summary>The satisfaction chart of a result: index per item with CI whiskers, or the composite index per segment.</summary>
public static class SatisfactionCharts
{
    public static RenderedChart Create(Questionnaire questionnaire, SatisfactionResults result)
    {
        if (result.Segments is { } segments)
            return SatisfactionChart.CreateBySegment($"{questionnaire.Title}：综合满意度指数（按“{questionnaire.FindQuestion(result.By!)!.Text}”）", segments.Select(s => new SatisfactionChartItem(s.Label, Index(s.Composite, s.Suppressed))).ToList());
        return SatisfactionChart.Create($"{questionnaire.Title}：各项满意度指数",
            result.Items.Select(i => new SatisfactionChartItem(i.Text, new SatisfactionIndex(i.Index, i.CiLow, i.CiHigh, i.N ?? 0, i.Unknown ?? 0, i.SatisfiedRate))).ToList(),
            new SatisfactionChartItem("综合满意度指数", Index(result.Composite, false)));
    }

    private static SatisfactionIndex Index(SatisfactionComposite composite, bool suppressed) => suppressed
        ? new SatisfactionIndex(null, null, null, 0, 0, null)
        : new SatisfactionIndex(composite.Index, composite.CiLow, composite.CiHigh, composite.N ?? 0, 0, null);
}
