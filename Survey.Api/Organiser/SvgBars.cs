using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Organiser;

/// <summary>
/// Small inline SVG charts for the dashboard: SVG attributes, not inline styles, so they pass the CSP; colours come
/// from /admin.css. The full charts are the chart routes' images.
/// </summary>
public static class SvgBars
{
    /// <summary>Responses per day as columns, with each day's count in its tooltip.</summary>
    public static Markup Daily(IReadOnlyList<(DateOnly Day, long Count)> days)
    {
        if (days.Count == 0) return Html($"""<span class="muted">暂无答卷</span>""");
        const double width = 240, height = 48;
        var max = Math.Max(1, days.Max(d => d.Count));
        var step = width / days.Count;
        var bars = days.Select((d, i) =>
        {
            var h = Math.Round(height * d.Count / max, 1);
            return Html($"""<rect x="{Math.Round(i * step, 1)}" y="{height - h}" width="{Math.Round(step - 1, 1)}" height="{h}"><title>{d.Day:yyyy-MM-dd}：{d.Count} 份</title></rect>""");
        });
        // A baseline, so that a few days with responses still read as a chart over the whole period.
        return Html($"""<svg class="daily" viewBox="0 0 {width} {height + 1}" width="{width}" height="{height + 1}" role="img" aria-label="近{days.Count}天每日答卷数，最多一天{max}份"><line x1="0" y1="{height + 0.5}" x2="{width}" y2="{height + 0.5}"></line>{bars}</svg>""");
    }

    /// <summary>A horizontal bar for a percentage (0–100) beside a table row.</summary>
    public static Markup Percent(double? percent)
    {
        var value = Math.Clamp(percent ?? 0, 0, 100);
        return Html($"""<svg class="bar" viewBox="0 0 100 10" width="100" height="10" aria-hidden="true"><rect class="track" width="100" height="10"></rect><rect width="{value}" height="10"></rect></svg>""");
    }
}
