using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Analysis.Charts;

namespace Survey.Api.Apis;

/// <summary>
/// A chart request's format and size: "png" or "svg"; width 300–2400 CSS px (800 fits a Word page); height; scale 1–3 for PNG (2 = print resolution).
/// A PNG is at most <see cref="MaxPixels"/>: a larger width × height × scale² is rendered at the largest scale that fits.
/// </summary>
public sealed record ChartFormat(bool Svg, int Width, int? Height, double Scale)
{
    /// <summary>
    /// 12 megapixels (about 46 MiB of pixels while rendering, under a second): an A4 page at 300 dpi is 8.7 megapixels,
    /// so print quality fits, while the former worst case (7200 × 9000 px, 250 MiB, 2.9 s) does not.
    /// </summary>
    public const long MaxPixels = 12_000_000;

    public static Dictionary<string, string[]> Errors() =>
        new() { ["format"] = ["图表格式应为 png 或 svg，宽度 300–2400，高度 200–3000，缩放 1–3。"] };

    public static ChartFormat? Parse(string format, int? width, int? height, double? scale)
    {
        var svg = format.Equals("svg", StringComparison.OrdinalIgnoreCase);
        if (!svg && !format.Equals("png", StringComparison.OrdinalIgnoreCase)) return null;
        // "is not (>= 1 and <= 3)" also refuses NaN, which every comparison is false for.
        if (width is < 300 or > 2400 || height is < 200 or > 3000 || scale is not (null or (>= 1 and <= 3))) return null;
        return new ChartFormat(svg, width ?? ChartsApi.DefaultWidth, height, scale ?? 1);
    }

    public FileContentHttpResult Render(RenderedChart chart, string name)
    {
        var height = Height ?? chart.SuggestedHeight;
        return Svg
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(chart.Svg(Width, height)), "image/svg+xml", $"{name}.svg")
            : TypedResults.File(chart.Png(Width, height, PngScale(Width, height, Scale)), "image/png", $"{name}.png");
    }

    /// <summary>The requested scale, lowered when needed so the image stays within <see cref="MaxPixels"/>.</summary>
    public static double PngScale(int width, int height, double scale) =>
        Math.Min(scale, Math.Sqrt(MaxPixels / ((double)width * height)));
}
