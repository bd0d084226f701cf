using SkiaSharp;

namespace Survey.Analysis.Charts;

/// <summary>Wraps labels to a pixel width measured with the chart font, so long labels are not cut off.</summary>
internal static class TextWrapping
{
    public const string Ellipsis = "…";

    /// <summary>
    /// Breaks <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/> pixels. Chinese has no
    /// spaces, so any character boundary may break, except before closing punctuation or after opening punctuation
    /// (a space is preferred when the text has them, and a Latin word or number is kept whole). The lines are then
    /// balanced: the narrowest width giving the same number of lines is used, so no last line holds a lone character
    /// ("是"). Beyond <paramref name="maxLines"/> the last line is shortened and ends with "…".
    /// </summary>
    public static string Wrap(string text, float maxWidth, float fontSize, int maxLines, bool bold = false)
    {
        using var font = new SKFont(bold ? ChartFonts.Bold : ChartFonts.Regular, fontSize);
        var lines = Lines(font, text, maxWidth);
        if (lines.Count > 1 && lines.Count <= maxLines)
        {
            // Balance: binary search the narrowest width that still needs no more lines.
            float low = maxWidth / lines.Count, high = maxWidth;
            for (int i = 0; i < 12; i++)
            {
                float middle = (low + high) / 2;
                if (Lines(font, text, middle).Count <= lines.Count) high = middle; else low = middle;
            }
            lines = Lines(font, text, high);
        }

        if (lines.Count <= maxLines) return string.Join('\n', lines);
        string last = lines[maxLines - 1];
        while (last.Length > 0 && font.MeasureText(last + Ellipsis) > maxWidth) last = last[..^1];
        return string.Join('\n', lines.Take(maxLines - 1).Append(last + Ellipsis));
    }

    private static List<string> Lines(SKFont font, string text, float maxWidth)
    {
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
                    else
                    {
                        int moved = fit;
                        while (moved > 1 && !CanBreak(rest, moved)) moved--;
                        if (moved > fit / 2) fit = moved;
                    }
                }
                lines.Add(rest[..fit].TrimEnd());
                rest = rest[fit..].TrimStart();
            }
        }
        return lines;
    }

    /// <summary>
    /// Whether a line may end before <paramref name="text"/>[<paramref name="at"/>]: not before closing punctuation,
    /// not after opening punctuation, not inside a run of Latin letters or digits.
    /// </summary>
    private static bool CanBreak(string text, int at)
    {
        char before = text[at - 1], after = text[at];
        if ("，。、；：？！）”’》」』%…,.;:?!)".Contains(after)) return false;
        if ("（“‘《「『(".Contains(before)) return false;
        return !(char.IsAsciiLetterOrDigit(before) && char.IsAsciiLetterOrDigit(after));
    }

    /// <summary>Longest prefix (at least one character) that fits into <paramref name="maxWidth"/>.</summary>
    private static int FittingLength(SKFont font, string text, float maxWidth)
    {
        int length = 1;
        while (length < text.Length && font.MeasureText(text[..(length + 1)]) <= maxWidth) length++;
        return length;
    }
}
