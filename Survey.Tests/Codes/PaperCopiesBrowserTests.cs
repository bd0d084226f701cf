using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;
using Survey.Tests.TestSupport;
using static Survey.Tests.TestSupport.ExternalTool;

namespace Survey.Tests.Codes;

/// <summary>
/// In Chromium: two paper copies with codes printed from the slips page to A4 (one copy a page, each with its own
/// code), then one typed in at the keyboard with its code (code field first, Enter to question 1), and the same code
/// refused beside the field. Screenshots go to <see cref="BrowserApp.ScreenshotFolder"/>.
/// </summary>
public sealed class PaperCopiesBrowserTests(CodedBrowserApp browser) : IClassFixture<CodedBrowserApp>
{
    [Fact]
    public async Task Two_copies_print_on_two_pages_and_the_entry_screen_takes_the_code_first()
    {
        var page = await browser.NewPageAsync(width: 1280, height: 900);
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning" && !message.Text.Contains("status of 409")) problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add("script error: " + error);
        page.Response += (_, response) => { if (response.Status == 404) problems.Add("404: " + response.Url); };
        await page.GotoAsync("/admin");
        await page.FillAsync("#password", SurveyAppFactory.OrganiserToken);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/admin"));

        await page.GotoAsync($"/admin/q/{CodedApp.Id}/slips");
        await page.FillAsync("#paper-count", "2");
        await page.ClickAsync("form.paper-copies button[type=submit]");
        await page.WaitForSelectorAsync("article.sheet");
        var codes = (await page.Locator(".code strong").AllInnerTextsAsync()).ToList();
        Assert.Equal(2, codes.Distinct().Count());
        Directory.CreateDirectory(BrowserApp.ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "paper-copies.png") });
        var pdf = Path.Combine(BrowserApp.ScreenshotFolder, "paper-copies.pdf");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.PdfAsync(new() { Path = pdf, Format = "A4", PreferCSSPageSize = true, PrintBackground = true });
        var pages = (await RunAsync("pdftotext", $"-enc UTF-8 {pdf} -")).Split('\f').Where(p => p.Trim().Length > 0).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Contains(codes[0], pages[0]);
        Assert.Contains(codes[1], pages[1]);
        await RunAsync("pdftoppm", $"-png -r 60 -f 1 -l 1 {pdf} {Path.Combine(BrowserApp.ScreenshotFolder, "paper-copy")}");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GotoAsync($"/admin/q/{CodedApp.Id}/entry");
        await Assertions.Expect(page.Locator("#entry-code")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(codes[0].ToLowerInvariant());
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("fieldset.entry-question.current")).ToHaveAttributeAsync("data-question", "community");
        foreach (var key in new[] { "1", "Enter", "1", "Enter", "Enter" }) await page.Keyboard.PressAsync(key);
        await Assertions.Expect(page.Locator("#entry-count")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#entry-code")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#entry-code")).ToHaveValueAsync("");

        // The same code again: refused beside the field, the cursor back in it, the count unchanged.
        await page.Keyboard.TypeAsync(codes[0]);
        foreach (var key in new[] { "Enter", "2", "Enter", "Enter", "Enter" }) await page.Keyboard.PressAsync(key);
        await Assertions.Expect(page.Locator("#entry-code-error")).ToContainTextAsync("已经提交过一份答卷");
        await Assertions.Expect(page.Locator("#entry-code")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#entry-count")).ToHaveTextAsync("1");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "entry-code-refused.png") });
        Assert.True(problems.Count == 0, string.Join(" | ", problems));
    }
}
