namespace Survey.Api.Exports;

/// <summary>
/// OWASP CSV injection defence, used for CSV and XLSX alike: a text cell starting with = + - @, tab, CR or LF is
/// prefixed with a single quote, so a spreadsheet shows it as text instead of running it as a formula. Nothing
/// else is changed: the text is otherwise exactly what the resident wrote.
/// </summary>
public static class CellText
{
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' ? "'" + text : text;
}
