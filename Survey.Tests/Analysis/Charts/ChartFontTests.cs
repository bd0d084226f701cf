using System.Xml.Linq;
using SkiaSharp;
using Survey.Analysis.Charts;

namespace Survey.Tests.Analysis.Charts;

/// <summary>
/// Chinese must render as Chinese: every text a chart draws must be covered by Noto Sans CJK SC, the font must
/// really resolve to that family (fontconfig silently substitutes another font when it is missing, and then
/// Chinese becomes boxes without any error), and the SVG must carry the text as text.
/// </summary>
public class ChartFontTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> ChartNames() => new(ChartCookbook.All().Select(c => c.Name));

    private static RenderedChart Chart(string name) => ChartCookbook.All().Single(c => c.Name == name).Chart;

    private static IEnumerable<string> Lines(IEnumerable<string> texts)
        => texts.SelectMany(t => t.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0);

    [Fact]
    public void The_cjk_font_is_installed_and_resolves_to_the_simplified_chinese_face()
    {
        using var byName = SKTypeface.FromFamilyName(ChartFonts.FamilyName);

        // A missing family resolves to a fallback (e.g. DejaVu Sans) — this must fail, not pass quietly.
        Assert.Equal(ChartFonts.FamilyName, byName.FamilyName);
        Assert.Equal(ChartFonts.FamilyName, ChartFonts.Regular.FamilyName);
        Assert.Equal(ChartFonts.FamilyName, ChartFonts.Bold.FamilyName);
        Assert.True(ChartFonts.Bold.FontWeight >= (int)SKFontStyleWeight.SemiBold);
        Assert.True(ChartFonts.IsInstalled);
    }

    [Fact]
    public void The_glyph_check_can_fail()
    {
        using var font = new SKFont(ChartFonts.Regular);

        Assert.True(font.ContainsGlyphs("满意度（按身份）χ²"));
        Assert.False(font.ContainsGlyphs("满意\uE000")); // a private-use code point no font here covers
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Every_text_drawn_is_covered_by_the_font(string name)
    {
        var chart = Chart(name);
        using var regular = new SKFont(ChartFonts.Regular);
        using var bold = new SKFont(ChartFonts.Bold);

        var texts = Lines(chart.Texts).ToList();
        Assert.NotEmpty(texts);
        var uncovered = texts.Where(t => !regular.ContainsGlyphs(t) || !bold.ContainsGlyphs(t)).ToList();
        Assert.Empty(uncovered);
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Every_svg_text_element_uses_the_cjk_font_and_is_covered(string name)
    {
        var chart = Chart(name);
        var svg = XDocument.Parse(chart.Svg(chart.SuggestedWidth, chart.SuggestedHeight));
        using var font = new SKFont(ChartFonts.Regular);

        var elements = svg.Descendants(Svg + "text").ToList();
        Assert.NotEmpty(elements);
        Assert.All(elements, e => Assert.Equal(ChartFonts.FamilyName, (string?)e.Attribute("font-family")));
        Assert.DoesNotContain(elements, e => !font.ContainsGlyphs(e.Value.Trim()));
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void The_svg_contains_every_drawn_text_as_text(string name)
    {
        var chart = Chart(name);
        var svgTexts = XDocument.Parse(chart.Svg(chart.SuggestedWidth, chart.SuggestedHeight))
            .Descendants(Svg + "text").Select(e => e.Value.Trim()).ToHashSet();

        var missing = Lines(chart.Texts).Where(t => !svgTexts.Contains(t)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_question_text_is_in_a_text_element_with_its_original_ideographs()
    {
        // Skia wrote "方面" as the look-alike Kangxi radicals "⽅⾯" (U+2F45 U+2FAF) before SvgText.Restore; the SVG must say 方面.
        var chart = Chart("grassroots-service-urgent-needs");
        var svg = XDocument.Parse(chart.Svg(chart.SuggestedWidth, chart.SuggestedHeight));

        Assert.Contains(svg.Descendants(Svg + "text"), e => e.Value.Trim() == "您迫切需要党组织提供哪些方面服务");
    }
}
