using SpreadCheetah;

namespace Survey.Api.Exports;

/// <summary>
/// Writes tables as an XLSX workbook, one worksheet per table, streaming (SpreadCheetah writes each row as it comes
/// and never holds the sheet in memory). Numbers stay numbers; text cells are neutralised like the CSV's.
/// </summary>
public static class XlsxTableWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteAsync(Stream stream, IReadOnlyList<ExportTable> tables, CancellationToken cancellationToken)
    {
        var body = new AsyncOnlyStream(stream);
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(body, cancellationToken: cancellationToken))
            await WriteSheetsAsync(spreadsheet, tables, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    private static async Task WriteSheetsAsync(Spreadsheet spreadsheet, IReadOnlyList<ExportTable> tables, CancellationToken cancellationToken)
    {
        var dates = spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Format = SpreadCheetah.Styling.NumberFormat.Custom("yyyy-mm-dd hh:mm") });
        var names = new HashSet<string>();
        foreach (var table in tables)
        {
            await spreadsheet.StartWorksheetAsync(SheetName(table.Title, names), null, cancellationToken);
            await spreadsheet.AddRowAsync(table.Header.Select(h => new Cell(CellText.Neutralise(h))).ToArray(), cancellationToken);
            await foreach (var row in table.Rows.WithCancellation(cancellationToken))
                await spreadsheet.AddRowAsync(row.Select(cell => cell switch
                {
                    null => new Cell(),
                    string text => new Cell(CellText.Neutralise(text)),
                    long number => new Cell(number),
                    int number => new Cell(number),
                    double number => new Cell(number),
                    DateTime time => new Cell(time, dates),
                    _ => new Cell(CellText.Neutralise(cell.ToString() ?? "")),
                }).ToArray(), cancellationToken);
        }
        await spreadsheet.FinishAsync(cancellationToken);
    }

    /// <summary>Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique.</summary>
    private static string SheetName(string title, HashSet<string> used)
    {
        var clean = new string(title.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '_' : c).ToArray()).Trim('\'');
        if (clean.Length == 0) clean = "Sheet";
        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var i = 2; !used.Add(name); i++)
        {
            var suffix = $" ({i})";
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return name;
    }
}
