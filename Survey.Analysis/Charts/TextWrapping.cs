using SkiaSharp;

namespace Survey.Analysis.Charts;

/// <summary>Wraps labels to a pixel width measured with the chart font, so long labels are not cut off.</summary>
internal static class TextWrapping
{
    public const string Ellipsis = "…";

    /// <summary>
    /// Breaks <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/> pixels. Chinese has no
    /// spaces, so any character boundary may break (a space is preferred when the text has them). Beyond
    /// <paramref name="maxLines"/> the last line is shortened and ends with "…".
    /// </summary>
    public static string Wrap(string text, float maxWidth, float fontSize, int maxLines, bool bold = false)
    {
        using var font = new SKFont(bold ? ChartFonts.Bold : ChartFonts.Regular, fontSize);
        var lines = new List<string>();
        foreach (string paragraph in text.Replace("\r", "").Split('\n'))
        {
            string rest = paragraph.Trim();
            while (rest.Length > 0)
            {
                int fit = FittingLength(font, rest, maxWidth);
                if (fit < rest.Length)
                {
                    int space = rest.LastIndexOf(' ', Math.Max(0, fit - 1));
                    if (space > fit / 2) fit = space + 1;
                }
                lines.Add(rest[..fit].TrimEnd());
                rest = rest[fit..].TrimStart();
            }
        }

        if (lines.Count <= maxLines) return string.Join('\n', lines);
        string last = lines[maxLines - 1];
        while (last.Length > 0 && font.MeasureText(last + Ellipsis) > maxWidth) last = last[..^1];
        return string.Join('\n', lines.Take(maxLines - 1).Append(last + Ellipsis));
    }

    /// <summary>Longest prefix (at least one character) that fits into <paramref name="maxWidth"/>.</summary>
    private static int FittingLength(SKFont font, string text, float maxWidth)
    {
        int length = 1;
        while (length < text.Length && font.MeasureText(text[..(length + 1)]) <= maxWidth) length++;
        return length;
    }
}
