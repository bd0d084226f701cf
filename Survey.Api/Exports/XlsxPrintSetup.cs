using System.IO.Compression;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace Survey.Api.Exports;

/// <summary>
/// Adds what SpreadCheetah cannot write to a finished workbook: per sheet A4 page setup (landscape when the table is
/// wider than a portrait page, fitted to the page width when it would not shrink below about 60 %, else page breaks
/// between questions), page numbers in the footer, and print titles (the header rows repeat on every printed page). Copies the package entry by entry,
/// streaming, so a large sheet is never held in memory.
/// </summary>
public static partial class XlsxPrintSetup
{
    /// <param name="HeaderRow">First header row (1-based); <paramref name="LastHeaderRow"/> the last one.</param>
    /// <param name="Width">Sum of the column widths, in characters.</param>
    /// <param name="Units">Runs of columns that must print on the same page (a question's columns), as widths.</param>
    /// <param name="PrintedColumns">Columns in the print area (the leading ones), or null for all.</param>
    public sealed record Sheet(string Name, int HeaderRow, int LastHeaderRow, IReadOnlyList<(int First, double Width)> Units, int? PrintedColumns = null)
    {
        public string QuotedName => $"'{Name.Replace("'", "''")}'";

        /// <summary>Characters across A4 at 100 %, measured in LibreOffice with these margins: about 72 portrait, 105 landscape.</summary>
        public const double PortraitWidth = 72, LandscapeWidth = 105;

        public double Width => Units.Sum(u => u.Width);

        public bool Landscape => Width > PortraitWidth;

        /// <summary>Shrinking a table up to about 60 % keeps it readable; wider tables print across pages instead.</summary>
        public bool FitToWidth => Width <= LandscapeWidth / 0.6;

        /// <summary>Columns that start a new printed page (so a question's columns are never cut apart).</summary>
        public IReadOnlyList<int> ColumnBreaks()
        {
            var breaks = new List<int>();
            if (FitToWidth) return breaks;
            double used = 0;
            foreach (var (first, width) in Units)
            {
                if (used > 0 && used + width > LandscapeWidth) { breaks.Add(first); used = 0; }
                used += width;
            }
            return breaks;
        }
    }

    public static async Task CopyAsync(Stream workbook, Stream output, IReadOnlyList<Sheet> sheets, CancellationToken cancellationToken)
    {
        await using var source = await ZipArchive.CreateAsync(workbook, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using var target = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        foreach (var entry in source.Entries)
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            await using var from = await entry.OpenAsync(cancellationToken);
            await using var to = await copy.OpenAsync(cancellationToken);
            if (entry.FullName == "xl/workbook.xml")
                await ReplaceAsync(from, to, "</sheets>", "</sheets>" + DefinedNames(sheets), cancellationToken);
            else if (SheetNumber().Match(entry.FullName) is { Success: true } match && int.Parse(match.Groups[1].Value) - 1 is var index && index < sheets.Count)
                await ReplaceAsync(from, to, "</worksheet>", PageSetup(sheets[index]) + "</worksheet>", cancellationToken, FitToPage(sheets[index]));
            else await from.CopyToAsync(to, cancellationToken);
        }
    }

    /// <summary>Print areas, then print titles: Excel expects defined names sorted by name.</summary>
    private static string DefinedNames(IReadOnlyList<Sheet> sheets) =>
        "<definedNames>" +
        string.Concat(sheets.Select((s, i) => s.PrintedColumns is { } columns
            ? $"<definedName name=\"_xlnm.Print_Area\" localSheetId=\"{i}\">{SecurityElement.Escape(s.QuotedName)}!$A:${ColumnName(columns - 1)}</definedName>"
            : "")) +
        string.Concat(sheets.Select((s, i) =>
            $"<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\">{SecurityElement.Escape(s.QuotedName)}!${s.HeaderRow}:${s.LastHeaderRow}</definedName>")) +
        "</definedNames>";

    /// <summary>"A", "B", … "AA" for a 0-based column index.</summary>
    public static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);

    private static string PageSetup(Sheet sheet) =>
        "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.7\" header=\"0.3\" footer=\"0.3\"/>" +
        $"<pageSetup paperSize=\"9\" orientation=\"{(sheet.Landscape ? "landscape" : "portrait")}\"" +
        (sheet.FitToWidth ? " fitToWidth=\"1\" fitToHeight=\"0\"" : "") + "/>" +
        "<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>" +
        (sheet.ColumnBreaks() is { Count: > 0 } breaks
            ? $"<colBreaks count=\"{breaks.Count}\" manualBreakCount=\"{breaks.Count}\">" +
              string.Concat(breaks.Select(b => $"<brk id=\"{b}\" max=\"1048575\" man=\"1\"/>")) + "</colBreaks>"
            : "");

    /// <summary>Fitting to the page width needs the sheet property that says so, the worksheet's first element.</summary>
    private static (string After, string Insert)? FitToPage(Sheet sheet) =>
        sheet.FitToWidth ? ("<worksheet", "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>") : null;

    /// <summary>
    /// Copies XML text, replacing the last <paramref name="marker"/> (near the end of the document) and inserting
    /// <paramref name="head"/>'s text right after the start tag that begins with its first part. Only the tail of the
    /// text is held back; the rest passes straight through.
    /// </summary>
    private static async Task ReplaceAsync(Stream from, Stream to, string marker, string replacement, CancellationToken cancellationToken,
        (string After, string Insert)? head = null)
    {
        using var reader = new StreamReader(from, Encoding.UTF8);
        await using var writer = new StreamWriter(to, new UTF8Encoding(false), 64 * 1024);
        var buffer = new char[64 * 1024];
        var pending = new StringBuilder();
        var headDone = head is null;
        const int heldBack = 8 * 1024; // the marker and whatever follows it, at the end of the part
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            pending.Append(buffer, 0, read);
            if (!headDone)
            {
                var text = pending.ToString();
                var start = text.IndexOf(head!.Value.After, StringComparison.Ordinal);
                var end = start < 0 ? -1 : text.IndexOf('>', start);
                if (end < 0) continue;
                pending.Insert(end + 1, head.Value.Insert);
                headDone = true;
            }
            if (pending.Length > heldBack)
            {
                var send = pending.Length - heldBack;
                await writer.WriteAsync(pending.ToString(0, send).AsMemory(), cancellationToken);
                pending.Remove(0, send);
            }
        }
        var tail = pending.ToString();
        var at = tail.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0) throw new InvalidDataException($"The workbook part does not contain {marker}.");
        await writer.WriteAsync((tail[..at] + replacement + tail[(at + marker.Length)..]).AsMemory(), cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    [GeneratedRegex(@"^xl/worksheets/sheet(\d+)\.xml$")]
    private static partial Regex SheetNumber();
}
