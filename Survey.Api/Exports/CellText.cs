namespace Survey.Api.Exports;

/// <summary>
/// OWASP CSV injection defence for CSV: a text cell starting with = + - @, tab, CR or LF is prefixed with a single
/// quote, so a spreadsheet opening the CSV shows it as text instead of running it as a formula. Nothing else is
/// changed. XLSX needs no prefix: its text cells are typed as text and never evaluated (<see cref="XlsxTableWriter"/>).
/// </summary>
public static class CellText
{
    public static string Neutralise(string text) => text.Length > 0 && IsFormulaStart(text[0]) ? "'" + text : text;

    /// <summary>
    /// The reverse, for importing an export: drops the quote <see cref="Neutralise"/> added. (A text a resident
    /// really began with a quote and a formula character cannot be told apart and loses its quote.)
    /// </summary>
    public static string Restore(string cell) => cell.Length > 1 && cell[0] == '\'' && IsFormulaStart(cell[1]) ? cell[1..] : cell;

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n';

    /// <summary>Display width in character cells: CJK and other wide characters count double, as in a spreadsheet.</summary>
    public static double Width(string text)
    {
        double width = 0, line = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == '\n') { width = Math.Max(width, line); line = 0; continue; }
            line += IsWide(rune.Value) ? 2 : 1;
        }
        return Math.Max(width, line);
    }

    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x1F300 and <= 0x1FAFF
            or >= 0x20000 and <= 0x3FFFD || c is 0x201C or 0x201D or 0x2018 or 0x2019 or 0x2026 or 0x2014;
}
