using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Analysis.Charts;

namespace Survey.Api.Apis;

/// <summary>
/// A chart request's format and size: "png" or "svg"; width 300–2400 CSS px (800 fits a Word page); height; scale 1–3 for PNG (2 = print resolution).
/// </summary>
public sealed record ChartFormat(bool Svg, int Width, int? Height, double Scale)
{
    public static Dictionary<string, string[]> Errors() =>
        new() { ["format"] = ["图表格式应为 png 或 svg，宽度 300–2400，高度 200–3000，缩放 1–3。"] };

    public static ChartFormat? Parse(string format, int? width, int? height, double? scale)
    {
        var svg = format.Equals("svg", StringComparison.OrdinalIgnoreCase);
        if (!svg && !format.Equals("png", StringComparison.OrdinalIgnoreCase)) return null;
        if (width is < 300 or > 2400 || height is < 200 or > 3000 || scale is < 1 or > 3) return null;
        return new ChartFormat(svg, width ?? ChartsApi.DefaultWidth, height, scale ?? 1);
    }

    public FileContentHttpResult Render(RenderedChart chart, string name)
    {
        var height = Height ?? chart.SuggestedHeight;
        return Svg
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(chart.Svg(Width, height)), "image/svg+xml", $"{name}.svg")
            : TypedResults.File(chart.Png(Width, height, Scale), "image/png", $"{name}.png");
    }
}
