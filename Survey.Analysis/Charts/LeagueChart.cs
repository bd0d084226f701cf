using ScottPlot;
using Survey.Analysis.League;

namespace Survey.Analysis.Charts;

/// <summary>The league table as a dot plot: sorted, each organisation's figure with its 95% interval and its letters.</summary>
public static class LeagueChart
{
    public const int DefaultWidth = 900;

    public static RenderedChart Create(string title, LeagueResult league) =>
        new(width => Build(title, league, width), DefaultWidth, 170 + 42 * Math.Max(1, league.Rows.Count));

    /// <summary>"89.5 a" for a ranked row; 样本不足 for a withheld one.</summary>
    public static string ValueLabel(LeagueRow row, bool composite) =>
        Figure(row, composite)?.Index is { } value ? $"{value:0.0} {row.Letters}" : LeagueRow.SuppressedLabel;

    private static Satisfaction.SatisfactionIndex? Figure(LeagueRow row, bool composite) => composite ? row.Composite : row.Index;

    private static ChartCanvas Build(string title, LeagueResult league, int width)
    {
        var canvas = new ChartCanvas(width);
        bool composite = league.RankedByComposite;
        canvas.SetTitle(title, (composite ? "综合得分 = 群众测评、组织考评、自评加权；" : "群众满意度指数；")
            + "线段为 95% 置信区间；字母相同者差异不显著（Welch t 检验，Holm 校正）");
        int count = league.Rows.Count;
        for (int i = 0; i < count; i++)
        {
            var row = league.Rows[i];
            double y = count - 1 - i;
            if (Figure(row, composite) is { Index: { } value } figure)
            {
                if (figure.CiLow is { } low && figure.CiHigh is { } high)
                {
                    var whisker = canvas.Plot.Add.Line(low, y, high, y);
                    whisker.LineColor = ChartCanvas.Whisker;
                    whisker.LineWidth = 2;
                }
                var dot = canvas.Plot.Add.Marker(value, y, MarkerShape.FilledCircle, 11, composite ? ChartCanvas.Accent : ChartCanvas.Primary);
                var label = canvas.AddText(ValueLabel(row, composite), figure.CiHigh ?? value, y, Alignment.MiddleLeft, ChartCanvas.SmallSize + 1, Colors.Black);
                label.OffsetX = 8;
            }
            else canvas.AddText(LeagueRow.SuppressedLabel, 2, y, Alignment.MiddleLeft, ChartCanvas.SmallSize + 1, ChartCanvas.Muted);
        }
        var labels = league.Rows.Select(r => r.Rank is { } rank ? $"{rank}. {r.Label}" : r.Label);
        canvas.SetCategoryTicks(canvas.Plot.Axes.Left, Enumerable.Range(0, count).Select(i => (double)(count - 1 - i)).ToList(), labels, width * 0.3f);
        ChartCanvas.SetNumericTicks(canvas.Plot.Axes.Bottom, Enumerable.Range(0, 6).Select(i => i * 20.0), v => $"{v:0}");
        canvas.SetAxisLabel(canvas.Plot.Axes.Bottom, composite ? "综合得分（0–100）" : "满意度指数（0–100）");
        canvas.Plot.Axes.SetLimits(0, 125, -0.6, count - 0.4);
        canvas.Plot.Grid.YAxisStyle.IsVisible = false;
        return canvas;
    }
}
