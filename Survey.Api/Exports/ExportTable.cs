namespace Survey.Api.Exports;

/// <summary>
/// A table to download: its title, columns (header, format, optional machine key) and rows of cells (string, long,
/// double, DateTime or null), and notes printed under it (tests, legends). Rows are an async stream so a table read
/// from the database in batches is written as it is read; a table built in memory keeps its rows in
/// <see cref="Materialized"/> so writers can fit column widths to them. One writer per format renders it:
/// <see cref="CsvTableWriter"/>, <see cref="XlsxTableWriter"/>.
/// </summary>
public sealed record ExportTable(
    string Title, IReadOnlyList<ExportColumn> Columns, IAsyncEnumerable<object?[]> Rows,
    IReadOnlyList<object?[]>? Materialized = null, IReadOnlyList<string>? Notes = null)
{
    public static ExportTable FromRows(string title, IReadOnlyList<ExportColumn> columns, IEnumerable<object?[]> rows, IReadOnlyList<string>? notes = null)
    {
        var list = rows.ToList();
        return new(title, columns, list.ToAsyncEnumerable(), list, notes);
    }

    /// <summary>How many leading columns print (the rest are ids for scripts); all when null.</summary>
    public int? PrintedColumns { get; init; }

    /// <summary>A row of machine keys under the header (the raw export's question and option ids), when any column has one.</summary>
    public bool HasKeys => Columns.Any(c => c.Key is not null);

    /// <summary>A row of group titles over the header (the raw export's questions over their columns), when any column has one.</summary>
    public bool HasGroups => Columns.Any(c => c.Group is not null);

    /// <summary>The runs of adjacent columns sharing a group title: (first column, column count, title).</summary>
    public IReadOnlyList<(int First, int Count, string Title)> Groups()
    {
        var groups = new List<(int, int, string)>();
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Group is not { } title) continue;
            var count = 1;
            while (i + count < Columns.Count && Columns[i + count].Group == title) count++;
            groups.Add((i, count, title));
            i += count - 1;
        }
        return groups;
    }
}

/// <summary>
/// One column. <see cref="Format"/> decides the cell style (XLSX) and number formatting (CSV); <see cref="Width"/>
/// is the expected content width in characters (CJK counted double) for streamed tables, whose rows are not known
/// when the sheet starts; <see cref="Group"/> is the title shown once over a run of columns (a question's text).
/// </summary>
public sealed record ExportColumn(string Header, CellFormat Format = CellFormat.Text, string? Key = null, double? Width = null, string? Group = null);

public enum CellFormat
{
    /// <summary>Short text (ids, labels).</summary>
    Text,
    /// <summary>Text that may be long or hold line breaks (question texts, residents' answers): wrapped.</summary>
    LongText,
    /// <summary>A whole number of people.</summary>
    Count,
    /// <summary>A percentage, given 0–100; one decimal.</summary>
    Percent,
    /// <summary>An index or statistic; one decimal.</summary>
    Decimal,
    /// <summary>A UTC time to the minute.</summary>
    Time,
}
