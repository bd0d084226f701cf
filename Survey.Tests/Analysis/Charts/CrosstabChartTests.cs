using Survey.Analysis.Charts;
using Survey.Analysis.Crosstabs;

namespace Survey.Tests.Analysis.Charts;

public class CrosstabChartTests
{
    [Theory]
    [InlineData(0, "无人回答")]
    [InlineData(3, "已隐藏 n<5")]
    [InlineData(40, "已隐藏（防反推）")]
    public void A_column_without_bars_says_why(long columnBase, string expected)
    {
        // An empty column (e.g. residents when the filter keeps cadres only) is not a privacy suppression.
        Assert.Equal(expected, CrosstabChart.SuppressedLabel(new CrosstabColumn("c", "列", "A", columnBase, Suppressed: true), 5));
    }

    [Fact]
    public void The_chart_lists_the_reason_in_its_legend()
    {
        var input = new CrosstabInput("q", false, [new("yes", "是", 12), new("no", "否", 8)], "identity",
            [("resident", "普通群众"), ("cadre", "干部")], new long[,] { { 12, 0 }, { 8, 0 } }, [20, 0], null);
        var chart = CrosstabChart.Create(Crosstab.Compute(input, new CrosstabOptions()), "标题");
        Assert.Contains(chart.Texts, t => t.Contains("干部") && t.Contains("无人回答"));
        Assert.DoesNotContain(chart.Texts, t => t.Contains("已隐藏"));
    }

    [Fact]
    public void A_group_the_question_was_never_shown_to_reads_not_applicable_not_withheld()
    {
        // Question 5 of the seed is shown to cadres only; broken down by identity, residents were never asked.
        var input = new CrosstabInput("services", false, [new("yes", "是", 12), new("no", "否", 8)], "identity",
            [("resident", "普通群众"), ("cadre", "干部")], new long[,] { { 0, 12 }, { 0, 8 } }, [0, 20], null);
        var result = Crosstab.MarkNotAsked(Crosstab.Compute(input, new CrosstabOptions()), option => option == "resident");
        var texts = CrosstabChart.Create(result, "标题").Texts;
        Assert.Contains(texts, t => t.Contains("普通群众") && t.Contains("不适用"));
        Assert.DoesNotContain(texts, t => t.Contains("已隐藏") || t.Contains("无人回答"));
        Assert.Equal(12, result.Rows[0].Cells[1].Count); // the counts are unchanged
    }
}
