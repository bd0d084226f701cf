using Survey.Analysis.Charts;

namespace Survey.Tests.Analysis.Charts;

public class LeagueChartTests
{
    [Fact]
    public void Dots_are_sorted_ranked_lettered_and_small_organisations_are_too_few()
    {
        var chart = LeagueChart.Create("各村(社区)群众满意度排名", RoundChartCookbook.League(withScores: false));
        ChartOutput.Save(chart, "league-residents-index");

        // Indices 87, 73, 56 (LeagueTableTests) with letters a, ab, b; north and hill withheld.
        Assert.Contains("87.0 a", chart.Texts);
        Assert.Contains("73.0 ab", chart.Texts);
        Assert.Contains("56.0 b", chart.Texts);
        Assert.Contains("1. 东街社区", chart.Texts);
        Assert.Contains("北村", chart.Texts);
        Assert.Contains("样本不足", chart.Texts);
    }

    [Fact]
    public void With_every_score_entered_the_composite_is_plotted()
    {
        var chart = LeagueChart.Create("三步测评综合得分排名", RoundChartCookbook.League(withScores: true));
        ChartOutput.Save(chart, "league-three-step-composite");

        // Composites 86.5 (west), 73.5 (east), 68 (south): letters a, b, b.
        Assert.Contains("86.5 a", chart.Texts);
        Assert.Contains("1. 西街社区", chart.Texts);
        Assert.Contains("综合得分（0–100）", chart.Texts);
    }
}
