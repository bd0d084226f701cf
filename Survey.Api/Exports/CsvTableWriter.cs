using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Survey.Api.Exports;

/// <summary>
/// Writes tables as CSV: UTF-8 with a byte-order mark (so Excel opens Chinese correctly), RFC 4180 quoting (CsvHelper),
/// CRLF line ends, text cells neutralised (<see cref="CellText"/>). One table: header then rows. Several: each
/// preceded by its title line and followed by a blank line.
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
        // Neutralising is done by CellText for CSV and XLSX alike, so both formats agree exactly.
        InjectionOptions = InjectionOptions.None,
    };

    public static async Task WriteAsync(Stream stream, IReadOnlyList<ExportTable> tables, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.Preamble.ToArray(), cancellationToken);
        // Everything is written and flushed asynchronously: the response body refuses synchronous writes.
        await using var text = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, Configuration);
        foreach (var table in tables)
        {
            if (tables.Count > 1)
            {
                csv.WriteField(CellText.Neutralise(table.Title));
                await csv.NextRecordAsync();
            }
            foreach (var name in table.Header) csv.WriteField(CellText.Neutralise(name));
            await csv.NextRecordAsync();
            await foreach (var row in table.Rows.WithCancellation(cancellationToken))
            {
                foreach (var cell in row) csv.WriteField(Format(cell));
                await csv.NextRecordAsync();
            }
            if (tables.Count > 1) await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
        await text.FlushAsync(cancellationToken);
    }

    private static string Format(object? cell) => cell switch
    {
        null => "",
        string text => CellText.Neutralise(text),
        DateTime time => time.ToString(TimeFormat, CultureInfo.InvariantCulture),
        double number => number.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => CellText.Neutralise(cell.ToString() ?? ""),
    };
}
