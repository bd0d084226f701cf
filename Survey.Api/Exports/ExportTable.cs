namespace Survey.Api.Exports;

/// <summary>
/// A table to download: title, header and rows of cells (string, long, double, DateTime or null). Rows are an async
/// stream so a table read from the database in batches is written as it is read. One writer per format renders it:
/// <see cref="CsvTableWriter"/>, <see cref="XlsxTableWriter"/>.
/// </summary>
public sealed record ExportTable(string Title, IReadOnlyList<string> Header, IAsyncEnumerable<object?[]> Rows)
{
    public static ExportTable FromRows(string title, IReadOnlyList<string> header, IEnumerable<object?[]> rows) =>
        new(title, header, rows.ToAsyncEnumerable());
}
