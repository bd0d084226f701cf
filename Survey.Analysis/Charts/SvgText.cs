using System.Net;
using System.Security;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace Survey.Analysis.Charts;

/// <summary>Repairs the text Skia's SVG canvas writes, so that the Chinese in an SVG is searchable and copyable.</summary>
internal static partial class SvgText
{
    /// <summary>
    /// Skia writes &lt;text&gt; content by mapping each drawn glyph back to a code point. Noto CJK shares glyphs
    /// between ideographs and radicals (民 U+6C11 / ⺠ U+2EA0, 长 / ⻓, 方 / ⽅) and between dashes (– / ‒),
    /// and the reverse map may pick the radical: "民事代办" came out as "⺠事代办" — it looks right but no longer
    /// matches, searches or reads aloud as the text. No normalization undoes that (most CJK radicals have no
    /// decomposition), so each text element is replaced by the original text drawn with the same glyphs.
    /// </summary>
    public static string Restore(string svg, IEnumerable<string> drawnTexts)
    {
        var originals = new Dictionary<string, string>();
        foreach (string line in drawnTexts.SelectMany(t => t.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            originals.TryAdd(GlyphKey(line, ChartFonts.Regular), line);
            originals.TryAdd(GlyphKey(line, ChartFonts.Bold), line);
        }

        return TextContent().Replace(svg, match =>
        {
            string written = WebUtility.HtmlDecode(match.Groups["content"].Value);
            string trimmed = written.Trim();
            if (trimmed.Length == 0 || !originals.TryGetValue(GlyphKey(trimmed, ChartFonts.Regular), out string? original))
                return match.Value;
            return match.Groups["open"].Value + written.Replace(trimmed, SecurityElement.Escape(original)) + "</text>";
        });
    }

    private static string GlyphKey(string text, SKTypeface typeface)
        => string.Join(',', typeface.GetGlyphs(text));

    [GeneratedRegex(@"(?<open><text\b[^>]*>)(?<content>[^<]*)</text>")]
    private static partial Regex TextContent();
}
