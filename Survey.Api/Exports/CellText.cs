namespace Survey.Api.Exports;

/// <summary>
/// OWASP CSV injection defence, used for CSV and XLSX alike: a text cell starting with = + - @, tab, CR or LF is
/// prefixed with a single quote, so a spreadsheet shows it as text instead of running it as a formula. Nothing
/// else is changed: the text is otherwise exactly what the resident wrote.
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
}
