using ScottPlot;
using SkiaSharp;

namespace Survey.Analysis.Charts;

/// <summary>
/// The one font every chart text uses: Noto Sans CJK SC (Debian package fonts-noto-cjk). Asked for by name
/// because ScottPlot's automatic detection picks the JP face of the same collection, and a style left on the
/// default font renders Chinese as empty boxes without any error (see docs/platform-notes.md).
/// </summary>
public static class ChartFonts
{
    public const string FamilyName = "Noto Sans CJK SC";

    private static readonly Lazy<SKTypeface> RegularTypeface = new(() => Load(SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> BoldTypeface = new(() => Load(SKFontStyle.Bold));

    public static SKTypeface Regular => RegularTypeface.Value;

    public static SKTypeface Bold => BoldTypeface.Value;

    /// <summary>Whether <see cref="FamilyName"/> is installed (fontconfig resolved the family itself, not a fallback).</summary>
    public static bool IsInstalled => string.Equals(Regular.FamilyName, FamilyName, StringComparison.OrdinalIgnoreCase);

    private static SKTypeface Load(SKFontStyle style)
        => SKFontManager.Default.MatchFamily(FamilyName, style) ?? SKTypeface.FromFamilyName(FamilyName, style);

    /// <summary>
    /// Sets both the typeface and the font name: ScottPlot's LabelStyle prefers <c>Font</c> (captured from a global
    /// default when the style was created) over <c>FontName</c>, so setting only the name is not enough.
    /// </summary>
    internal static void Apply(LabelStyle style, float size, bool bold = false)
    {
        style.FontName = FamilyName;
        style.Font = bold ? Bold : Regular;
        style.Bold = bold;
        style.FontSize = size;
    }
}
