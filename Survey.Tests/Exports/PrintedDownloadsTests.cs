using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Model;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;
using static Survey.Tests.TestSupport.ExternalTool;

namespace Survey.Tests.Exports;

/// <summary>
/// The downloads opened the way organisers open them, with real software: the XLSX files converted to PDF by
/// LibreOffice Calc (headless), summary.html printed to A4 by Chromium, and the PDFs read back with pdftotext
/// (poppler). Every question's full text is there, both lines of a two-line answer, no "###", no English sentence,
/// no page holding only a heading, and the report broken down by identity fits in 12 pages.
/// Set SURVEY_SCREENSHOTS to a folder to keep PNGs of the first pages (pdftoppm) for the README.
/// </summary>
public sealed class PrintedDownloadsTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Id = "grassroots-service";
    private const string TwoLineAnswer = "第一行意见：村里的路灯坏了\n第二行意见：希望尽快修好";

    private SurveyAppFactory App => browser.App;

    private Questionnaire Questionnaire => App.Services.GetRequiredService<QuestionnaireCatalog>().Find(Id)!;

    /// <summary>Once per fixture: both tests read the same responses.</summary>
    private async Task SeedAsync()
    {
        if (await App.QueryAsync(db => db.Responses.AnyAsync(r => r.QuestionnaireId == Id))) return;
        var client = App.CreateClient();
        await Submissions.PostAllAsync(client, Id, SyntheticResponses.Generate(Questionnaire, 300, seed: 2027));
        await Submissions.PostAsync(client, Id, System.Text.Json.JsonSerializer.Serialize(new
        {
            answers = new Dictionary<string, string[]> { ["identity"] = ["cadre"], ["problems"] = ["other"] },
            otherText = new Dictionary<string, string> { ["problems"] = TwoLineAnswer },
        }));
    }

    [Fact]
    public async Task Xlsx_downloads_converted_by_LibreOffice_show_every_question_whole_and_no_hashes_or_english()
    {
        await SeedAsync();
        using var folder = new TemporaryFolder();
        var organiser = App.CreateOrganiserClient();
        foreach (var (file, query) in new[] { ("export.xlsx", ""), ("tallies.xlsx", "?by=identity") })
            await File.WriteAllBytesAsync(Path.Combine(folder.Path, file), await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/{file}{query}"));

        await RunAsync("soffice", $"-env:UserInstallation=file://{folder.Path}/profile --headless --norestore --convert-to pdf --outdir {folder.Path} {folder.Path}/export.xlsx {folder.Path}/tallies.xlsx");
        foreach (var name in new[] { "export", "tallies" })
        {
            var pages = await PdfPagesAsync(Path.Combine(folder.Path, $"{name}.pdf"));
            await KeepScreenshotAsync(Path.Combine(folder.Path, $"{name}.pdf"), $"spreadsheet-{name}");
            var text = string.Join("\n", pages);
            Assert.DoesNotContain("###", text);
            EnglishText.AssertNone(text, "the printed download");
            var joined = Squeeze(text);
            foreach (var question in Questionnaire.Questions)
                Assert.True(joined.Contains(Squeeze(question.Text)), $"{name}.pdf lacks the full text of “{question.Text}”");
        }
        var export = string.Join("\n", await PdfPagesAsync(Path.Combine(folder.Path, "export.pdf")));
        foreach (var line in TwoLineAnswer.Split('\n')) Assert.Contains(Squeeze(line), Squeeze(export));
    }

    [Fact]
    public async Task The_report_prints_to_A4_in_Chromium_with_a_cover_numbered_pages_and_no_page_holding_only_a_heading()
    {
        await SeedAsync();
        using var folder = new TemporaryFolder();
        var bytes = await App.CreateOrganiserClient().GetByteArrayAsync($"/api/questionnaires/{Id}/report.zip?by=identity");
        using var zip = new ZipArchive(new MemoryStream(bytes));
        string html;
        using (var reader = new StreamReader(zip.GetEntry("summary.html")!.Open(), Encoding.UTF8)) html = await reader.ReadToEndAsync();

        var page = await browser.Browser.NewPageAsync();
        await page.SetContentAsync(html);
        var pdf = Path.Combine(folder.Path, "summary.pdf");
        await page.PdfAsync(new() { Path = pdf, Format = "A4", PreferCSSPageSize = true, PrintBackground = true });
        await page.CloseAsync();

        var pages = await PdfPagesAsync(pdf);
        await KeepScreenshotAsync(pdf, "report", pages: pages.Count);
        Assert.InRange(pages.Count, 2, 12);
        Assert.Contains("调查结果报告", pages[0]);
        Assert.Contains("答卷", pages[0]);
        var headings = Questionnaire.Questions.Select((q, i) => $"{i + 1}. {q.Text}").ToList();
        for (var p = 0; p < pages.Count; p++)
        {
            Assert.Contains($"第 {p + 1} 页，共 {pages.Count} 页", pages[p]);
            var lines = Lines(pages[p]).Where(l => !l.StartsWith("第 ")).ToList();
            // A page holding only a heading (and perhaps its kind and base line) is a page wasted and a heading orphaned.
            Assert.True(lines.Count > 3 || p == pages.Count - 1 && lines.Count > 1, $"page {p + 1} holds only: {string.Join(" / ", lines)}");
            // The cover lists the questions (its last line is the last question); every other page must not end with a heading.
            if (p > 0) Assert.False(headings.Any(h => lines.Count > 0 && Squeeze(lines[^1]).StartsWith(Squeeze(h))), $"page {p + 1} ends with a heading");
        }
        var text = string.Join("\n", pages);
        EnglishText.AssertNone(text, "the printed download");
        foreach (var heading in headings) Assert.Contains(Squeeze(heading), Squeeze(text));
        Assert.Contains("不适用", text); // question 5 broken down by identity
        Assert.Contains("卡方检验", text);
    }

    [Fact]
    public async Task The_bulletin_of_a_round_prints_to_one_A4_page_in_Chromium_in_Chinese_with_nothing_cut()
    {
        if (!await App.QueryAsync(db => db.Responses.AnyAsync(r => r.QuestionnaireId == Survey.Tests.Rounds.RoundResponses.Id)))
            await App.InsertAsync(Survey.Tests.Rounds.RoundResponses.Id, Survey.Tests.Rounds.RoundResponses.Rows.SelectMany(row => Enumerable.Repeat(
                (DateTime.Parse(row.SubmittedAtUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
                 new Dictionary<string, string[]> { ["identity"] = [row.Identity], ["community"] = [row.Community], [Survey.Tests.Rounds.RoundResponses.Item] = [row.Rating] }),
                row.Count)));
        using var folder = new TemporaryFolder();
        var bytes = await App.CreateOrganiserClient().GetByteArrayAsync($"/api/questionnaires/{Survey.Tests.Rounds.RoundResponses.Id}/report.zip?round=2026-Q1");
        using var zip = new ZipArchive(new MemoryStream(bytes));
        string html;
        using (var reader = new StreamReader(zip.GetEntry(Survey.Api.Exports.RoundBulletin.FileName)!.Open(), Encoding.UTF8)) html = await reader.ReadToEndAsync();

        var page = await browser.Browser.NewPageAsync();
        await page.SetContentAsync(html);
        // Nothing cut: no element of the page is wider than the A4 text column it prints in.
        var overflowing = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('table')].filter(t => t.scrollWidth > t.clientWidth + 1).length");
        Assert.Equal(0, overflowing);
        var pdf = Path.Combine(folder.Path, "bulletin.pdf");
        await page.PdfAsync(new() { Path = pdf, Format = "A4", PreferCSSPageSize = true, PrintBackground = true });
        await page.CloseAsync();

        var pages = await PdfPagesAsync(pdf);
        await KeepScreenshotAsync(pdf, "bulletin");
        Assert.Single(pages);
        var text = pages[0];
        Assert.Contains("测评通报", text);
        Assert.Contains("第 1 页，共 1 页", text);
        Assert.Contains("群众满意度排名", text);
        Assert.Contains("样本不足", text);
        Assert.Contains("上升最多的三项", text);
        Assert.Contains("各单位满意度指数与2025年第四季度相比的变化", text);
        Assert.Contains("上升最多的三个单位", text);
        Assert.Contains("下降最多的三项", text);
        Assert.Contains("Welch t", text);
        // The last line of the page is the methods note: the page ends where the bulletin ends.
        Assert.Contains(Squeeze("双侧，α = 0.05。"), Squeeze(text));
        EnglishText.AssertNone(text, "the printed bulletin");
    }

    private static string Squeeze(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static List<string> Lines(string page) => page.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>The PDF's text page by page (pdftotext separates pages with form feeds).</summary>
    private static async Task<List<string>> PdfPagesAsync(string pdf)
    {
        var text = await RunAsync("pdftotext", $"-enc UTF-8 {pdf} -");
        var pages = text.Split('\f').ToList();
        if (pages.Count > 0 && pages[^1].Trim().Length == 0) pages.RemoveAt(pages.Count - 1);
        return pages;
    }

    private static async Task KeepScreenshotAsync(string pdf, string name, int pages = 1)
    {
        if (Environment.GetEnvironmentVariable("SURVEY_SCREENSHOTS") is not { Length: > 0 } folder) return;
        await RunAsync("pdftoppm", $"-png -r 80 -f 1 -l {pages} {pdf} {Path.Combine(folder, name)}");
    }
}
