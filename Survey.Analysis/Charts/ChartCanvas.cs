using ScottPlot;
using ScottPlot.Panels;
using ScottPlot.Plottables;

namespace Survey.Analysis.Charts;

/// <summary>
/// A ScottPlot plot in the house style, which records every text it is given so that <see cref="RenderedChart"/>
/// can list them. All text goes through here so that none can miss the CJK font.
/// </summary>
internal sealed class ChartCanvas
{
    /// <summary>Sizes in pixels at the drawn width; dashboard images are shown at that width, so no text is below 12 px.</summary>
    public const float TitleSize = 16, SubtitleSize = 12, LabelSize = 12, SmallSize = 12;
    public static readonly Color Primary = Color.FromHex("#3B6EA8");
    public static readonly Color Accent = Color.FromHex("#D9822B");
    public static readonly Color Muted = Color.FromHex("#666666");
    public static readonly Color Whisker = Color.FromHex("#222222");
    public static readonly Color SuppressedFill = Color.FromHex("#D9D9D9");

    /// <summary>Colour per cross-tab column (segment), colour-blind friendly (Okabe-Ito order).</summary>
    public static readonly Color[] Series =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#56B4E9"), Color.FromHex("#D55E00"), Color.FromHex("#F0E442"), Color.FromHex("#000000"),
    ];

    private readonly List<string> texts = [];

    public ChartCanvas(int width)
    {
        Width = width;
        Plot = new Plot();
        Plot.FigureBackground.Color = Colors.White;
        foreach (IAxis axis in Plot.Axes.GetAxes())
        {
            ChartFonts.Apply(axis.Label, LabelSize);
            ChartFonts.Apply(axis.TickLabelStyle, LabelSize);
        }
        ChartFonts.Apply(Plot.Axes.Title.Label, TitleSize, bold: true);
        Plot.Legend.FontName = ChartFonts.FamilyName;
        Plot.Legend.DisplayPlottableLegendItems = false;
    }

    public int Width { get; }

    public Plot Plot { get; }

    public IReadOnlyList<string> Texts => texts;

    /// <summary>Title wrapped to the figure width (centred on the figure), and a smaller grey subtitle under it.</summary>
    public void SetTitle(string title, string? subtitle)
    {
        string wrapped = TextWrapping.Wrap(title, Width - 40, TitleSize, maxLines: 3, bold: true);
        Plot.Axes.Title.Label.Text = wrapped;
        Plot.Axes.Title.FullFigureCenter = true;
        texts.Add(wrapped);
        if (string.IsNullOrWhiteSpace(subtitle)) return;

        var panel = new TitlePanel { FullFigureCenter = true, VerticalPadding = 6 };
        ChartFonts.Apply(panel.Label, SubtitleSize);
        panel.Label.ForeColor = Muted;
        panel.Label.Text = TextWrapping.Wrap(subtitle, Width - 40, SubtitleSize, maxLines: 3);
        Plot.Axes.AddPanel(panel);
        texts.Add(panel.Label.Text);
    }

    public void SetAxisLabel(IAxis axis, string label)
    {
        axis.Label.Text = label;
        texts.Add(label);
    }

    /// <summary>Category labels at fixed positions, wrapped to <paramref name="maxWidth"/> pixels, two lines at most.</summary>
    public void SetCategoryTicks(IAxis axis, IReadOnlyList<double> positions, IEnumerable<string> labels, float maxWidth)
    {
        string[] wrapped = labels.Select(l => TextWrapping.Wrap(l, maxWidth, LabelSize, maxLines: 2)).ToArray();
        axis.SetTicks(positions.ToArray(), wrapped);
        axis.MajorTickStyle.Length = 0;
        // Category labels beside bars sit high for the same tall-ascent reason as value labels.
        if (axis.Edge.IsVertical()) axis.TickLabelStyle.OffsetY = 3;
        texts.AddRange(wrapped);
    }

    /// <summary>Numeric ticks at fixed values (so the label room beyond 100 % shows no ticks).</summary>
    public static void SetNumericTicks(IAxis axis, IEnumerable<double> values, Func<double, string> format)
    {
        var list = values.ToArray();
        axis.SetTicks(list, list.Select(format).ToArray());
        // The CJK font's tall ascent draws tick labels a few pixels high, onto their tick marks: move them clear.
        if (axis.Edge == Edge.Bottom) axis.TickLabelStyle.OffsetY = 5;
    }

    /// <summary>
    /// Percent axis from 0 to the largest value rounded up to 10, ticks every 10 (every 20 above 50) labelled
    /// "40%"; returns that top so the caller can leave room beyond it for value labels.
    /// </summary>
    public static double SetPercentTicks(IAxis axis, double maxPercent)
    {
        double top = Math.Ceiling(Math.Max(10, maxPercent) / 10) * 10;
        SetNumericTicks(axis, Enumerable.Range(0, (int)(top / 10) + 1).Select(i => i * 10.0).Where(v => top <= 50 || v % 20 == 0),
            v => $"{v:0}%");
        return top;
    }

    public BarPlot AddBars(List<Bar> bars, float valueLabelSize = SmallSize)
    {
        var plot = Plot.Add.Bars(bars);
        ChartFonts.Apply(plot.ValueLabelStyle, valueLabelSize);
        // Beside horizontal bars ScottPlot centres the label using the line height, which with this font's deep
        // descent puts the text a few pixels high; nudge it back to the bar's centre line.
        // Above vertical bars the same metrics leave a gap of about half a line; close most of it.
        plot.ValueLabelStyle.OffsetY = bars.Any(b => b.Orientation == Orientation.Horizontal) ? 3 : 6;
        texts.AddRange(bars.Select(b => b.Label));
        return plot;
    }

    public Text AddText(string text, double x, double y, Alignment alignment, float size, Color color)
    {
        var label = Plot.Add.Text(text, x, y);
        ChartFonts.Apply(label.LabelStyle, size);
        label.LabelStyle.Alignment = alignment;
        label.LabelStyle.ForeColor = color;
        // Same tall-ascent offset as bar value labels: bring vertically centred text down to the centre line.
        label.OffsetY = 3;
        texts.Add(text);
        return label;
    }

    /// <summary>
    /// Legend under the chart, outside the data area (so it covers no bar and leaves no empty band), built from
    /// explicit items so every item gets the CJK font.
    /// </summary>
    public void SetLegend(IEnumerable<LegendItem> items)
    {
        foreach (var item in items)
        {
            ChartFonts.Apply(item.LabelStyle, LabelSize);
            // ScottPlot centres legend labels with this font's tall ascent about 5 px too high, and the legend
            // clips to its box, which cut off the top of the first item.
            item.LabelStyle.OffsetY = 5;
            Plot.Legend.ManualItems.Add(item);
            texts.Add(item.LabelText);
        }
        Plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>Labels of the major ticks ScottPlot generated at the last render.</summary>
    public IEnumerable<string> TickLabels() => Plot.Axes.GetAxes()
        .SelectMany(axis => axis.TickGenerator.Ticks)
        .Where(t => t.IsMajor)
        .Select(t => t.Label);
}
