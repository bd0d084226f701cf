using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Survey.Api.Exports;

/// <summary>
/// Writes tables as CSV: UTF-8 with a byte-order mark (so Excel opens Chinese correctly), RFC 4180 quoting (CsvHelper),
/// CRLF line ends, text cells neutralised (<see cref="CellText"/>). The file starts with its header block (one line
/// each: questionnaire, scope, base, generation time) and a blank line; then each table: its title line (when there
/// are several), group titles (once over their columns), header, machine keys (when the table has them), rows, notes
/// and a blank line.
/// </summary>
public static class CsvTableWriter
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>Times are UTC to the minute, as stored.</summary>
    public const string TimeFormat = "yyyy-MM-dd HH:mm";

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
        // With NewLine set, CsvHelper only quotes fields containing "\r\n"; a lone CR or LF must be quoted too (RFC 4180).
        ShouldQuote = args => args.Field is { Length: > 0 } field &&
            (field.IndexOfAny(['"', ',', '\r', '\n']) >= 0 || field[0] == ' ' || field[^1] == ' '),
        // Neutralising is done by CellText, for every text cell including headers and notes.
        InjectionOptions = InjectionOptions.None,
    };

    public static async Task WriteAsync(Stream stream, IReadOnlyList<string> about, IReadOnlyList<ExportTable> tables, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.Preamble.ToArray(), cancellationToken);
        // Everything is written and flushed asynchronously: the response body refuses synchronous writes.
        await using var text = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, Configuration);
        async Task Line(string line)
        {
            csv.WriteField(CellText.Neutralise(line));
            await csv.NextRecordAsync();
        }
        foreach (var line in about) await Line(line);
        await csv.NextRecordAsync();
        foreach (var table in tables)
        {
            if (tables.Count > 1) await Line(table.Title);
            if (table.HasGroups)
            {
                for (var i = 0; i < table.Columns.Count; i++)
                    csv.WriteField(CellText.Neutralise(i == 0 || table.Columns[i].Group != table.Columns[i - 1].Group ? table.Columns[i].Group ?? "" : ""));
                await csv.NextRecordAsync();
            }
            foreach (var column in table.Columns) csv.WriteField(CellText.Neutralise(column.Header));
            await csv.NextRecordAsync();
            if (table.HasKeys)
            {
                foreach (var column in table.Columns) csv.WriteField(CellText.Neutralise(column.Key ?? ""));
                await csv.NextRecordAsync();
            }
            await foreach (var row in table.Rows.WithCancellation(cancellationToken))
            {
                for (var i = 0; i < row.Length; i++) csv.WriteField(Format(row[i], table.Columns[i].Format));
                await csv.NextRecordAsync();
            }
            foreach (var note in table.Notes ?? []) await Line(note);
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
        await text.FlushAsync(cancellationToken);
    }

    /// <summary>A cell as text: percentages and indices to one decimal, times to the minute, text neutralised.</summary>
    public static string Format(object? cell, CellFormat format) => cell switch
    {
        null => "",
        string text => CellText.Neutralise(text),
        DateTime time => time.ToString(TimeFormat, CultureInfo.InvariantCulture),
        double number when format is CellFormat.Percent or CellFormat.Decimal => number.ToString("0.0", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => CellText.Neutralise(cell.ToString() ?? ""),
    };
}
