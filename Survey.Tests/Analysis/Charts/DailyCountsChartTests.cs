using Survey.Analysis.Charts;

namespace Survey.Tests.Analysis.Charts;

public class DailyCountsChartTests
{
    [Fact]
    public void Subtitle_gives_the_total_and_the_period()
    {
        var chart = DailyCountsChart.Create([(new DateOnly(2026, 11, 1), 3), (new DateOnly(2026, 11, 2), 0), (new DateOnly(2026, 11, 3), 4)]);

        // 3 + 0 + 4 = 7 responses.
        Assert.Contains("共 7 份，2026-11-01 至 2026-11-03", chart.Texts);
        Assert.Contains("11-02", chart.Texts);
        ChartOutput.Save(chart, "daily-counts-three-days");
    }

    [Fact]
    public void No_responses_yet_still_renders()
    {
        var chart = DailyCountsChart.Create([]);

        Assert.Contains("暂无回收", chart.Texts);
        Assert.NotEmpty(chart.Png(DailyCountsChart.DefaultWidth, DailyCountsChart.DefaultHeight));
    }
}
