using Survey.Analysis.Charts;

namespace Survey.Tests.Analysis.Charts;

public class TrendChartTests
{
    [Fact]
    public void A_withheld_round_is_a_gap_named_as_too_few()
    {
        var chart = RoundChartCookbook.IndexTrend();
        ChartOutput.Save(chart, "trend-satisfaction-index");

        Assert.Contains(TrendChart.GapNote, chart.Texts);
        Assert.Contains("综合满意度指数", chart.Texts);
        Assert.Contains(chart.Texts, t => t.Contains("2026年第二季度"));
    }

    [Fact]
    public void Percent_trends_label_the_axis_in_percent()
    {
        var chart = RoundChartCookbook.OptionTrend();
        ChartOutput.Save(chart, "trend-identity-options");

        Assert.Contains("百分比", chart.Texts);
        Assert.Contains("60%", chart.Texts);
    }

    [Fact]
    public void Every_series_needs_a_point_or_null_per_round()
    {
        Assert.Throws<ArgumentException>(() => TrendChart.Create("t", "s", ["a", "b"], [new TrendSeries("x", [null])], percent: false));
    }
}
