using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Survey.Tests.TestSupport;

/// <summary>
/// Reads the downloads as an organiser's software would, independently of the writers: CSV with CsvHelper (header
/// block, then tables of title, header, optional key row, rows and notes) and XLSX with the Open XML SDK.
/// </summary>
public static class Downloads
{
    public sealed record CsvTable(string? Title, string[]? Groups, string[] Header, string[]? Keys, List<string[]> Rows, List<string> Notes)
    {
        /// <summary>Rows keyed by column key (the raw export) or header.</summary>
        public List<Dictionary<string, string>> Records =>
            Rows.Select(r => (Keys ?? Header).Select((h, i) => (h, r[i])).ToDictionary(p => p.h, p => p.Item2)).ToList();
    }

    public sealed record CsvFile(List<string> About, List<CsvTable> Tables);

    public static CsvFile ParseCsv(byte[] bytes, bool keyed = false)
    {
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { IgnoreBlankLines = false });
        var records = new List<string[]>();
        while (csv.Read()) records.Add(csv.Record!);
        static bool Blank(string[] r) => r.All(f => f.Length == 0);

        var i = 0;
        var about = new List<string>();
        while (!Blank(records[i])) about.Add(Assert.Single(records[i++]));
        i++;
        var tables = new List<CsvTable>();
        while (i < records.Count)
        {
            string? title = records[i].Length == 1 ? records[i++][0] : null;
            var groups = keyed ? records[i++] : null;
            var header = records[i++];
            var keys = keyed ? records[i++] : null;
            var rows = new List<string[]>();
            while (i < records.Count && records[i].Length == header.Length && !Blank(records[i])) rows.Add(records[i++]);
            var notes = new List<string>();
            while (i < records.Count && !Blank(records[i])) notes.Add(Assert.Single(records[i++]));
            i++;
            tables.Add(new CsvTable(title, groups, header, keys, rows, notes));
        }
        return new CsvFile(about, tables);
    }

    /// <summary>The first table's rows, keyed by column key (<paramref name="keyed"/>: the raw export, with its question row and key row) or header.</summary>
    public static List<Dictionary<string, string>> ReadCsv(byte[] bytes, bool keyed = false) => ParseCsv(bytes, keyed).Tables[0].Records;

    /// <summary>A sheet's cells as text, row by row at their row numbers (missing rows empty).</summary>
    public sealed record Sheet(string Name, List<List<string>> Rows)
    {
        /// <summary>The rows of the table under the header row that starts with <paramref name="firstHeader"/>, up to the first empty row.</summary>
        public (List<string> Header, List<List<string>> Rows) Table(string firstHeader, int headerRows = 1)
        {
            var at = Rows.FindIndex(r => r.Count > 1 && r[0] == firstHeader);
            Assert.True(at >= 0, $"no header row starting with {firstHeader} in {Name}");
            var rows = Rows.Skip(at + headerRows).TakeWhile(r => r.Any(c => c.Length > 0)).ToList();
            var width = Rows[at].Count;
            foreach (var row in rows) while (row.Count < width) row.Add("");
            return (Rows[at], rows);
        }
    }

    /// <summary>Reads every sheet's cells as text (shared and inline strings resolved; empty cells as "").</summary>
    public static List<Sheet> ReadXlsx(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheets = new List<Sheet>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var rows = new List<List<string>>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var index = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1)) - 1;
                while (rows.Count < index) rows.Add([]);
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < column) cells.Add("");
                    cells.Add(cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text)]
                        : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                        : cell.CellValue?.Text ?? "");
                }
                rows.Add(cells);
            }
            sheets.Add(new Sheet(sheet.Name!.Value!, rows));
        }
        return sheets;
    }

    public static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter)) index = index * 26 + (c - 'A' + 1);
        return index - 1;
    }
}
