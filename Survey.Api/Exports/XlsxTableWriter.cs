using System.Drawing;
using System.Globalization;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Survey.Api.Exports;

/// <summary>
/// Writes tables as an XLSX workbook ready to print: one worksheet per table, named after it (Chinese, within Excel's
/// 31 characters, unique), each starting with the table's title and the file's header block, then the header row(s)
/// (bold, wrapped, frozen, repeated on every printed page), the rows and the notes. Columns are as wide as their
/// content (CJK counted double, capped; long text wraps), percentages show one decimal, times to the minute; wide
/// tables print landscape, fitted to the page width when that keeps the text readable; pages are numbered.
/// Text cells are written as text, never evaluated, so they need no quote in front (unlike the CSV).
/// SpreadCheetah streams the rows and never holds a sheet; it has no page setup, so <see cref="XlsxPrintSetup"/>
/// adds it while copying the finished file to the response.
/// </summary>
public static class XlsxTableWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string PercentFormat = "0.0%";
    public const string DecimalFormat = "0.0";
    public const string TimeFormat = "yyyy-mm-dd hh:mm";

    /// <summary>Widest a column grows (characters); longer text wraps.</summary>
    public const double MaxTextWidth = 40, MaxLongTextWidth = 36;

    public static async Task WriteAsync(Stream stream, IReadOnlyList<string> about, IReadOnlyList<ExportTable> tables, CancellationToken cancellationToken)
    {
        var temporary = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (temporary)
        {
            List<XlsxPrintSetup.Sheet> sheets;
            await using (var spreadsheet = await Spreadsheet.CreateNewAsync(temporary, new SpreadCheetahOptions { WriteCellReferenceAttributes = true }, cancellationToken))
                sheets = await WriteSheetsAsync(spreadsheet, about, tables, cancellationToken);
            temporary.Position = 0;
            var body = new AsyncOnlyStream(stream);
            await XlsxPrintSetup.CopyAsync(temporary, body, sheets, cancellationToken);
            await body.FlushAsync(cancellationToken);
        }
    }

    // Data cells align to the top, like the wrapped ones: a row holding a wrapped text then reads as one line of figures.
    private sealed record Styles(StyleId Title, StyleId About, StyleId Group, StyleId Header, StyleId Key, StyleId Wrapped, StyleId Plain, StyleId Percent, StyleId Decimal, StyleId Time, StyleId Note);

    private static Styles AddStyles(Spreadsheet spreadsheet)
    {
        StyleId Add(Style style) => spreadsheet.AddStyle(style);
        return new Styles(
            Add(new Style { Font = { Bold = true, Size = 14 } }),
            Add(new Style { Font = { Color = Color.FromArgb(0x44, 0x4C, 0x56) } }),
            Add(new Style { Font = { Bold = true }, Fill = { Color = Color.FromArgb(0xE4, 0xE7, 0xEC) } }),
            Add(new Style { Font = { Bold = true }, Fill = { Color = Color.FromArgb(0xF2, 0xF4, 0xF7) }, Alignment = { WrapText = true, Vertical = VerticalAlignment.Top } }),
            Add(new Style { Font = { Color = Color.FromArgb(0x66, 0x70, 0x85) }, Fill = { Color = Color.FromArgb(0xF2, 0xF4, 0xF7) } }),
            Add(new Style { Alignment = { WrapText = true, Vertical = VerticalAlignment.Top } }),
            Add(new Style { Alignment = { Vertical = VerticalAlignment.Top } }),
            Add(new Style { Format = NumberFormat.Custom(PercentFormat), Alignment = { Vertical = VerticalAlignment.Top } }),
            Add(new Style { Format = NumberFormat.Custom(DecimalFormat), Alignment = { Vertical = VerticalAlignment.Top } }),
            Add(new Style { Format = NumberFormat.Custom(TimeFormat), Alignment = { Vertical = VerticalAlignment.Top } }),
            Add(new Style { Font = { Italic = true, Color = Color.FromArgb(0x44, 0x4C, 0x56) } }));
    }

    private static async Task<List<XlsxPrintSetup.Sheet>> WriteSheetsAsync(
        Spreadsheet spreadsheet, IReadOnlyList<string> about, IReadOnlyList<ExportTable> tables, CancellationToken cancellationToken)
    {
        var styles = AddStyles(spreadsheet);
        var names = new HashSet<string>();
        var sheets = new List<XlsxPrintSetup.Sheet>();
        foreach (var table in tables)
        {
            var widths = ColumnWidths(table);
            var headerRow = 1 + about.Count + 2; // title, header block, a blank row, then the header (group titles, column headers, keys)
            var lastHeaderRow = headerRow + (table.HasGroups ? 1 : 0) + (table.HasKeys ? 1 : 0);
            var options = new WorksheetOptions { FrozenRows = lastHeaderRow };
            for (var i = 0; i < widths.Count; i++) options.Column(i + 1).Width = widths[i];
            var name = SheetName(table.Title, names);
            await spreadsheet.StartWorksheetAsync(name, options, cancellationToken);
            sheets.Add(new XlsxPrintSetup.Sheet(name, headerRow, lastHeaderRow, PrintUnits(table, widths), table.PrintedColumns));

            await spreadsheet.AddRowAsync([new Cell(table.Title, styles.Title)], new RowOptions { Height = 22 }, cancellationToken);
            foreach (var line in about) await spreadsheet.AddRowAsync([new Cell(line, styles.About)], new RowOptions { Height = 16 }, cancellationToken);
            await spreadsheet.AddRowAsync(Array.Empty<Cell>(), cancellationToken);
            if (table.HasGroups)
            {
                // Each question's text once, on one line across its columns (the widths leave room for it).
                var groupRow = table.Columns.Select(_ => new Cell(null as string, styles.Group)).ToArray();
                foreach (var (first, count, title) in table.Groups())
                {
                    groupRow[first] = new Cell(title, styles.Group);
                    if (count > 1) spreadsheet.MergeCells($"{XlsxPrintSetup.ColumnName(first)}{headerRow}:{XlsxPrintSetup.ColumnName(first + count - 1)}{headerRow}");
                }
                await spreadsheet.AddRowAsync(groupRow, new RowOptions { Height = 18 }, cancellationToken);
            }
            // Header cells wrap; the row is as tall as its most wrapped header (about 16 points a line for CJK).
            var headerLines = table.Columns.Select((c, i) => Math.Ceiling(CellText.Width(c.Header) / Math.Max(1, widths[i] - 2))).DefaultIfEmpty(1).Max();
            await spreadsheet.AddRowAsync(table.Columns.Select(c => new Cell(c.Header, styles.Header)).ToArray(),
                new RowOptions { Height = 16 * headerLines + 4 }, cancellationToken);
            if (table.HasKeys)
                await spreadsheet.AddRowAsync(table.Columns.Select(c => new Cell(c.Key ?? "", styles.Key)).ToArray(), new RowOptions { Height = 16 }, cancellationToken);
            await foreach (var row in table.Rows.WithCancellation(cancellationToken))
                await spreadsheet.AddRowAsync(row.Select((cell, i) => Cell(cell, table.Columns[i].Format, styles)).ToArray(),
                    RowHeight(table, row, widths), cancellationToken);
            if (table.Notes is { Count: > 0 } notes)
            {
                await spreadsheet.AddRowAsync(Array.Empty<Cell>(), cancellationToken);
                foreach (var note in notes) await spreadsheet.AddRowAsync([new Cell(note, styles.Note)], cancellationToken);
            }
        }
        await spreadsheet.FinishAsync(cancellationToken);
        return sheets;
    }

    private static Cell Cell(object? cell, CellFormat format, Styles styles) => (cell, format) switch
    {
        (null, _) => new Cell(null as string, styles.Plain),
        (string text, CellFormat.LongText) => new Cell(text, styles.Wrapped),
        (string text, _) => new Cell(text, styles.Plain),
        (long number, _) => new Cell(number, styles.Plain),
        (int number, _) => new Cell(number, styles.Plain),
        (double number, CellFormat.Percent) => new Cell(number / 100, styles.Percent),
        (double number, CellFormat.Decimal) => new Cell(number, styles.Decimal),
        (double number, _) => new Cell(number, styles.Plain),
        (DateTime time, _) => new Cell(time, styles.Time),
        _ => new Cell(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "", styles.Plain),
    };

    /// <summary>
    /// Each column's width in characters: its widest cell (rows known in memory, else the column's expected width),
    /// at least its header's longest word-free stretch up to a point (headers wrap), within the caps; plus padding.
    /// </summary>
    public static IReadOnlyList<double> ColumnWidths(ExportTable table)
    {
        var widths = table.Columns.Select((column, i) => Width(table, column, i)).ToList();
        // A group title sits on one line over its columns: widen the last column of a group that is narrower than it.
        foreach (var (first, count, title) in table.Groups())
        {
            var missing = CellText.Width(title) + 2 - widths.Skip(first).Take(count).Sum();
            if (missing > 0) widths[first + count - 1] = Math.Round(widths[first + count - 1] + missing, 1);
        }
        return widths;
    }

    private static double Width(ExportTable table, ExportColumn column, int i)
    {
        var content = table.Materialized is { } rows
            ? rows.Select(r => i < r.Length ? CellText.Width(DisplayText(r[i], column.Format)) : 0).DefaultIfEmpty(0).Max()
            : column.Width ?? 0;
        var header = Math.Min(CellText.Width(column.Header), column.Format is CellFormat.Text or CellFormat.LongText ? MaxTextWidth : 12);
        var key = CellText.Width(column.Key ?? "");
        var minimum = column.Format switch { CellFormat.Time => 16, CellFormat.Percent or CellFormat.Decimal => 8, CellFormat.Count => 6, _ => 4 };
        var cap = column.Format == CellFormat.LongText ? MaxLongTextWidth : MaxTextWidth;
        return Math.Round(Math.Min(cap, Math.Max(minimum, Math.Max(content, Math.Max(header, key)))) + 2, 1);
    }

    /// <summary>
    /// A row holding wrapped text is made tall enough for all its lines (every line of a multi-line answer shows and
    /// prints); spreadsheets do not all fit row heights to wrapped text when they open a file.
    /// </summary>
    private static RowOptions? RowHeight(ExportTable table, object?[] row, IReadOnlyList<double> widths)
    {
        double lines = 1;
        for (var i = 0; i < row.Length; i++)
            if (row[i] is string text && table.Columns[i].Format == CellFormat.LongText)
                lines = Math.Max(lines, text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')
                    .Sum(line => Math.Max(1, Math.Ceiling(CellText.Width(line) / Math.Max(1, widths[i] - 2)))));
        // 409 points is the tallest row Excel allows.
        return lines > 1 ? new RowOptions { Height = Math.Min(409, 15 * lines + 3) } : null;
    }

    /// <summary>Runs of columns to keep on one printed page: each group (a question's columns), else each column.</summary>
    private static List<(int First, double Width)> PrintUnits(ExportTable table, IReadOnlyList<double> widths)
    {
        var groups = table.Groups().ToDictionary(g => g.First, g => g.Count);
        var units = new List<(int, double)>();
        for (var i = 0; i < (table.PrintedColumns ?? widths.Count); i += groups.GetValueOrDefault(i, 1))
            units.Add((i, widths.Skip(i).Take(groups.GetValueOrDefault(i, 1)).Sum()));
        return units;
    }


    /// <summary>A cell as the spreadsheet shows it (for width): percentages like "36.0%".</summary>
    private static string DisplayText(object? cell, CellFormat format) => cell switch
    {
        double number when format == CellFormat.Percent => number.ToString("0.0", CultureInfo.InvariantCulture) + "%",
        _ => CsvTableWriter.Format(cell, format),
    };

    /// <summary>Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], not starting or ending with ', unique.</summary>
    public static string SheetName(string title, HashSet<string> used)
    {
        var clean = new string(title.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '_' : c).ToArray()).Trim('\'', ' ');
        if (clean.Length == 0) clean = "表";
        string Shorten(string text, int room) => text.Length <= room ? text : text[..(room - 1)].TrimEnd() + "…";
        var name = Shorten(clean, 31);
        for (var i = 2; !used.Add(name); i++)
        {
            var suffix = $" ({i})";
            name = Shorten(clean, 31 - suffix.Length) + suffix;
        }
        return name;
    }
}
