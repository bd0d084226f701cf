using ScottPlot;
using Survey.Analysis.Crosstabs;
using Survey.Analysis.Wording;

namespace Survey.Analysis.Charts;

/// <summary>
/// Grouped horizontal bars: one group per row option, one bar per column (segment) showing its column percent,
/// with the significance letters after the value. Suppressed cells are drawn as short grey hatched stubs
/// labelled "已隐藏" so a missing bar is never mistaken for 0 %.
/// </summary>
public static class CrosstabChart
{
    public const int DefaultWidth = 900;

    public static RenderedChart Create(CrosstabResult result, string title)
    {
        int slots = Math.Max(1, result.Rows.Count) * (result.Columns.Count + 1);
        int height = 200 + LegendHeight(result.Columns.Count) + 19 * slots;
        return new RenderedChart(width => Build(result, title, width), DefaultWidth, height);
    }

    /// <summary>
    /// Why a column has no bars: nobody in it answered (e.g. filtered out), its own base is small, or it hides
    /// another small column (complement).
    /// </summary>
    public static string SuppressedLabel(CrosstabColumn column, int threshold) => column.Base switch
    {
        _ when column.NotAsked => Labels.NotAsked,
        0 => Labels.NoAnswerInColumn,
        var b when b < threshold => $"已隐藏 n<{threshold}",
        _ => "已隐藏（防反推）",
    };

    public static string Subtitle(CrosstabResult result)
    {
        var test = result.Test;
        string name = Labels.TestName(test.Name);
        string statistics = test is { Statistic: { } x, Df: { } df, P: { } p }
            ? $"{name} = {x:0.00}，自由度 {df:0.#}，{Labels.FormatP(p)}"
            : $"{name}：无法计算";
        return $"百分比 = 占该列回答本题者的比例；{statistics}；字母表示该列比例显著高于字母所指列（Bonferroni 校正，α=0.05）";
    }

    /// <summary>Height of the legend under the chart: its items side by side, about two to a line, 24 px a line.</summary>
    private static int LegendHeight(int columns) => 24 * (int)Math.Ceiling(columns / 2.0) + 12;

    private static ChartCanvas Build(CrosstabResult result, string title, int width)
    {
        var canvas = new ChartCanvas(width);
        canvas.SetTitle(title, Subtitle(result));

        int columns = result.Columns.Count, rows = result.Rows.Count, groupSize = columns + 1;
        double top = ChartCanvas.SetPercentTicks(canvas.Plot.Axes.Bottom, 
            result.Rows.SelectMany(r => r.Cells).Select(c => c.ColumnPercent ?? 0).DefaultIfEmpty(0).Max());
        double stub = top * 0.04;

        var bars = new List<Bar>();
        var groupCentres = new List<double>();
        for (int i = 0; i < rows; i++)
        {
            // The first row option is the top group, and within a group the first column is the top bar.
            double groupBase = (rows - 1 - i) * groupSize;
            groupCentres.Add(groupBase + (columns - 1) / 2.0);
            for (int j = 0; j < columns; j++)
            {
                var cell = result.Rows[i].Cells[j];
                var column = result.Columns[j];
                var bar = new Bar
                {
                    Position = groupBase + (columns - 1 - j),
                    Orientation = Orientation.Horizontal,
                    Size = 0.85,
                    LineWidth = 0,
                };
                if (column.NotAsked)
                {
                    // Never asked: no bar at all (not a withheld stub), just the words.
                    bar.Value = 0;
                    bar.FillColor = Colors.Transparent;
                    bar.Label = Labels.NotAsked;
                }
                else if (cell.Suppressed)
                {
                    bar.Value = stub;
                    bar.FillColor = ChartCanvas.SuppressedFill;
                    bar.FillHatch = new ScottPlot.Hatches.Striped();
                    bar.FillHatchColor = ChartCanvas.Muted;
                    bar.Label = SuppressedLabel(column, result.SuppressionThreshold);
                }
                else
                {
                    bar.Value = cell.ColumnPercent ?? 0;
                    bar.FillColor = ChartCanvas.Series[j % ChartCanvas.Series.Length];
                    string letters = cell.Letters.Count > 0 ? " " + string.Concat(cell.Letters) : "";
                    bar.Label = cell.ColumnPercent is { } p ? $"{p:0.0}%{letters}" : "—";
                }
                bars.Add(bar);
            }
        }
        canvas.AddBars(bars, ChartCanvas.SmallSize);

        canvas.SetCategoryTicks(canvas.Plot.Axes.Left, groupCentres, result.Rows.Select(r => r.Label), width * 0.26f);
        canvas.SetAxisLabel(canvas.Plot.Axes.Bottom, "列百分比");
        canvas.Plot.Axes.SetLimits(0, top * 1.3, -0.7, (rows - 1) * groupSize + columns - 0.3);
        canvas.Plot.Grid.YAxisStyle.IsVisible = false;

        canvas.SetLegend(result.Columns.Select((column, j) => new LegendItem
        {
            LabelText = column.NotAsked ? $"{column.Letter} {column.Label}（{Labels.NotAsked}：未问此题）"
                : column.Suppressed ? $"{column.Letter} {column.Label}（{SuppressedLabel(column, result.SuppressionThreshold)}）"
                : $"{column.Letter} {column.Label} (n={column.Base})",
            FillColor = column.NotAsked ? Colors.White : column.Suppressed ? ChartCanvas.SuppressedFill : ChartCanvas.Series[j % ChartCanvas.Series.Length],
            FillHatch = column.Suppressed && !column.NotAsked ? new ScottPlot.Hatches.Striped() : null,
            FillHatchColor = ChartCanvas.Muted,
        }));
        return canvas;
    }
}
