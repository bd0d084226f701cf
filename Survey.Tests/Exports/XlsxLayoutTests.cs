using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Exports;

/// <summary>
/// Every XLSX the product makes, opened with an independent reader (the Open XML SDK), is laid out to read and print:
/// Chinese sheet names within Excel's limits, a width on every column at least as wide as its unwrapped text (CJK
/// counted double), wrapped header and long-text cells, percentages as "0.0%" and times as dates, frozen header rows
/// repeated on every printed page, A4 page setup (landscape when wide), and no quote in front of any text.
/// </summary>
public sealed class XlsxLayoutTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    public static TheoryData<string> Workbooks() =>
    [
        "grassroots-service/export.xlsx",
        "grassroots-service/tallies.xlsx",
        "grassroots-service/tallies.xlsx?by=identity&where=necessity:very-necessary",
        "resident-satisfaction/tallies.xlsx?by=identity",
        "resident-satisfaction/export.xlsx",
        "grassroots-service/report.zip?by=identity",
    ];

    [Theory]
    [MemberData(nameof(Workbooks))]
    public async Task Every_sheet_is_laid_out_to_read_and_print(string download)
    {
        await SeedAsync();
        var bytes = await app.CreateOrganiserClient().GetByteArrayAsync($"/api/questionnaires/{download}");
        if (download.Contains("report.zip"))
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            using var entry = new MemoryStream();
            await using (var stream = zip.GetEntry("tables/tallies.xlsx")!.Open()) await stream.CopyToAsync(entry);
            bytes = entry.ToArray();
        }
        CheckWorkbook(bytes);
    }

    /// <summary>Once per fixture: every workbook is made from the same responses.</summary>
    private async Task SeedAsync()
    {
        if (await app.QueryAsync(db => db.Responses.AnyAsync())) return;
        var catalog = app.Services.GetRequiredService<QuestionnaireCatalog>();
        var client = app.CreateClient();
        foreach (var id in new[] { "grassroots-service", "resident-satisfaction" })
            await Submissions.PostAllAsync(client, id, SyntheticResponses.Generate(catalog.Find(id)!, 40, seed: 61));
        // A two-line answer and a formula-like text.
        await Submissions.PostAsync(client, "grassroots-service", """{"answers":{"identity":["resident"],"problems":["other"]},"otherText":{"problems":"第一行\n第二行：很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长的意见"}}""");
        await Submissions.PostAsync(client, "grassroots-service", """{"answers":{"identity":["cadre"],"crucial-point":["other"]},"otherText":{"crucial-point":"=1+1"}}""");
    }

    private static void CheckWorkbook(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbookPart = document.WorkbookPart!;
        var styles = workbookPart.WorkbookStylesPart!.Stylesheet;
        var formats = styles.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var cellFormats = styles.CellFormats!.Elements<CellFormat>().ToList();
        var shared = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheets = workbookPart.Workbook.Sheets!.Elements<Sheet>().ToList();
        var printTitles = workbookPart.Workbook.DefinedNames?.Elements<DefinedName>().Where(d => d.Name == "_xlnm.Print_Titles").ToList() ?? [];

        Assert.Equal(sheets.Count, sheets.Select(s => s.Name!.Value).Distinct().Count());
        for (var index = 0; index < sheets.Count; index++)
        {
            var name = sheets[index].Name!.Value!;
            Assert.InRange(name.Length, 1, 31);
            Assert.Contains(name, c => c >= 0x4E00 && c <= 0x9FFF); // named in Chinese, not with ids
            Assert.DoesNotContain(name, c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']');

            var worksheet = ((WorksheetPart)workbookPart.GetPartById(sheets[index].Id!)).Worksheet;
            var merged = worksheet.Descendants<MergeCell>().Select(m => m.Reference!.Value!.Split(':'))
                .ToDictionary(r => r[0], r => (First: TestSupport.Downloads.ColumnIndex(r[0])!.Value, Last: TestSupport.Downloads.ColumnIndex(r[1])!.Value));
            var widths = new Dictionary<int, double>();
            foreach (var column in worksheet.Elements<Columns>().SelectMany(c => c.Elements<Column>()))
                for (var i = column.Min!.Value; i <= column.Max!.Value; i++) widths[(int)i - 1] = column.Width!.Value;

            // The header rows are frozen and repeated on every printed page.
            var pane = worksheet.Descendants<Pane>().Single();
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            var frozen = (int)pane.VerticalSplit!.Value;
            var titles = Assert.Single(printTitles, d => d.LocalSheetId!.Value == index);
            Assert.EndsWith($"${frozen}", titles.Text);

            var pageSetup = worksheet.Elements<PageSetup>().Single();
            Assert.Equal(9u, pageSetup.PaperSize!.Value); // A4
            var printArea = workbookPart.Workbook.DefinedNames?.Elements<DefinedName>().SingleOrDefault(d => d.Name == "_xlnm.Print_Area" && d.LocalSheetId!.Value == index);
            var printedColumns = printArea is null ? widths.Count : TestSupport.Downloads.ColumnIndex(printArea.Text.Split('$')[^1])!.Value + 1;
            var totalWidth = widths.Where(w => w.Key < printedColumns).Sum(w => w.Value);
            Assert.Equal(totalWidth > Survey.Api.Exports.XlsxPrintSetup.Sheet.PortraitWidth ? OrientationValues.Landscape : OrientationValues.Portrait, pageSetup.Orientation!.Value);
            Assert.Contains("&P", worksheet.Elements<HeaderFooter>().Single().OddFooter!.Text); // page numbers

            var rows = worksheet.Descendants<Row>().ToList();
            var headerRow = rows.Single(r => r.RowIndex!.Value == frozen - (rows.Any(x => x.RowIndex!.Value == frozen && IsKeyRow(x, cellFormats)) ? 1 : 0));
            foreach (var row in rows)
            {
                var rowIndex = (int)row.RowIndex!.Value;
                var cells = row.Elements<Cell>().ToList();
                var singleCellRow = cells.Count(c => Text(c, shared).Length > 0) == 1 && TestSupport.Downloads.ColumnIndex(cells[0].CellReference) == 0;
                foreach (var cell in cells)
                {
                    var column = TestSupport.Downloads.ColumnIndex(cell.CellReference)!.Value;
                    var format = cellFormats[(int)(cell.StyleIndex?.Value ?? 0)];
                    var wrapped = format.Alignment?.WrapText?.Value == true;
                    var formatCode = formats.GetValueOrDefault(format.NumberFormatId?.Value ?? 0);
                    var text = Text(cell, shared);
                    Assert.True(widths.ContainsKey(column), $"{name}: column {column + 1} has no width");
                    if (row == headerRow) Assert.True(wrapped, $"{name}: header cell {cell.CellReference} does not wrap");
                    if (cell.DataType is { } type && (type.Value == CellValues.SharedString || type.Value == CellValues.InlineString || type.Value == CellValues.String))
                    {
                        Assert.False(text.StartsWith('\''), $"{name}: {cell.CellReference} shows a quote: {text}");
                        // Titles, header block and notes stand alone in their row and run on into the empty cells beside them.
                        // A merged cell (a question over its columns) has the width of the columns it spans.
                        var room = merged.TryGetValue(cell.CellReference!.Value!, out var span)
                            ? Enumerable.Range(span.First, span.Last - span.First + 1).Sum(c => widths[c]) : widths[column];
                        if (!wrapped && !singleCellRow)
                            Assert.True(DisplayWidth(text) <= room, $"{name}: {cell.CellReference} \"{text}\" is wider than its column ({room})");
                        if (text.Contains('\n')) Assert.True(wrapped, $"{name}: multi-line {cell.CellReference} does not wrap");
                    }
                    else if (cell.CellValue is { } value && rowIndex > frozen)
                    {
                        var number = double.Parse(value.Text, CultureInfo.InvariantCulture);
                        var shown = formatCode switch
                        {
                            "0.0%" => (number * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
                            "yyyy-mm-dd hh:mm" => DateTime.FromOADate(number).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                            "0.0" => number.ToString("0.0", CultureInfo.InvariantCulture),
                            _ => number.ToString(CultureInfo.InvariantCulture),
                        };
                        Assert.True(shown.Length + 1 <= widths[column], $"{name}: {cell.CellReference} {shown} would print as ###");
                    }
                }
            }
            // Percent columns are formatted as percentages, submission times as times.
            var headerTexts = headerRow.Elements<Cell>().Select(c => (Column: TestSupport.Downloads.ColumnIndex(c.CellReference)!.Value, Text: Text(c, shared))).ToList();
            foreach (var (column, header) in headerTexts.Where(h => h.Text.Contains("(%)") || h.Text.EndsWith('%') || h.Text.StartsWith("提交时间")))
            {
                var expected = header.StartsWith("提交时间") ? "yyyy-mm-dd hh:mm" : "0.0%";
                foreach (var cell in rows.Where(r => r.RowIndex!.Value > frozen).SelectMany(r => r.Elements<Cell>())
                             .Where(c => TestSupport.Downloads.ColumnIndex(c.CellReference) == column && c.DataType is null && c.CellValue is not null))
                    Assert.Equal(expected, formats.GetValueOrDefault(cellFormats[(int)(cell.StyleIndex?.Value ?? 0)].NumberFormatId?.Value ?? 0));
            }
        }
    }

    private static bool IsKeyRow(Row row, List<CellFormat> formats) =>
        row.Elements<Cell>().Any(c => formats[(int)(c.StyleIndex?.Value ?? 0)].Alignment?.WrapText?.Value != true);

    private static string Text(Cell cell, List<string> shared) =>
        cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text)]
        : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
        : cell.CellValue?.Text ?? "";

    /// <summary>Characters a cell needs, as a spreadsheet counts them: East Asian wide characters take two.</summary>
    private static double DisplayWidth(string text) =>
        text.Split('\n').Max(line => line.EnumerateRunes().Sum(r => r.Value >= 0x2E80 || r.Value is 0x201C or 0x201D or 0x2014 or 0x2026 ? 2 : 1));
}
