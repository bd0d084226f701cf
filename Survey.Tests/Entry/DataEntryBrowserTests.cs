using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Survey.Api.Model;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;
using static Survey.Tests.TestSupport.ExternalTool;

namespace Survey.Tests.Entry;

/// <summary>
/// In headless Chromium: three paper forms typed in with the keyboard only (number keys, Enter, the up arrow), one of
/// them refused by the validator and corrected at the keyboard, then the three stored responses read back; and the
/// paper form printed to A4 by Chromium, every question whole on one page. Screenshots (entry screen, paper pages) go
/// to the test output and, when SURVEY_SCREENSHOTS names a folder, there too.
/// </summary>
public sealed class DataEntryBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Id = "grassroots-service";

    private async Task<(IPage Page, List<string> Problems)> SignedInPage()
    {
        var page = await browser.NewPageAsync(width: 1280, height: 900);
        var problems = new List<string>();
        // The refused form's 400 is expected (the browser logs it); anything else is a problem.
        page.Console += (_, message) => { if (message.Type is "error" or "warning" && !message.Text.Contains("status of 400")) problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add("script error: " + error);
        await page.GotoAsync("/admin");
        await page.FillAsync("#password", SurveyAppFactory.OrganiserToken);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/admin"));
        return (page, problems);
    }

    private static async Task TypeAsync(IPage page, params string[] keys)
    {
        foreach (var key in keys) await page.Keyboard.PressAsync(key);
    }

    private static Task ExpectCurrentAsync(IPage page, string questionId) =>
        Assertions.Expect(page.Locator("fieldset.entry-question.current")).ToHaveAttributeAsync("data-question", questionId);

    [Fact]
    public async Task Three_paper_forms_entered_by_keyboard_only_are_stored_as_typed()
    {
        var (page, problems) = await SignedInPage();
        await page.GotoAsync($"/admin/q/{Id}/entry");
        await ExpectCurrentAsync(page, "identity");

        // Form 1: a resident (question 5, for cadres only, is skipped), "other" problem written in words.
        await TypeAsync(page, "1", "Enter");                    // 1 普通群众
        await TypeAsync(page, "1", "Enter");                    // 2 十分必要
        await TypeAsync(page, "1", "2", "Enter");               // 3 民事代办, 镇街服务中心
        await TypeAsync(page, "Enter");                         // 4 not answered
        await ExpectCurrentAsync(page, "urgent-needs");         // 5 skipped
        await TypeAsync(page, "3", "Enter", "Enter", "Enter");  // 6 法律法规服务; 7, 8 not answered
        await ExpectCurrentAsync(page, "problems");
        await TypeAsync(page, "4");                             // 9 其他: the cursor goes to its line
        await page.Keyboard.TypeAsync("路灯不亮");
        await TypeAsync(page, "Enter", "2", "Enter");           // 10 常规做法 and the last Enter submits
        await Assertions.Expect(page.Locator("#entry-count")).ToHaveTextAsync("1");
        await ExpectCurrentAsync(page, "identity");

        // Form 2: a cadre who ticked four problems (at most three): refused, the error beside question 9, fixed there.
        await TypeAsync(page, "3", "Enter", "Enter", "Enter", "Enter");
        await ExpectCurrentAsync(page, "services-offered");     // 5 shown: the first answer was 村(社区)“两委”干部
        await TypeAsync(page, "1", "4", "Enter", "Enter", "Enter", "Enter");
        await ExpectCurrentAsync(page, "problems");
        await TypeAsync(page, "1", "2", "3", "4");              // the fourth is 其他, with its words
        await page.Keyboard.TypeAsync("形式主义");
        await TypeAsync(page, "Enter", "Enter");                // 10 not answered; submit
        await Assertions.Expect(page.Locator("#q-problems-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#q-problems-error")).ToContainTextAsync("3");
        await ExpectCurrentAsync(page, "problems");
        Assert.Equal("1", await page.Locator("#entry-count").TextContentAsync());
        await TypeAsync(page, "2", "Enter", "Enter");           // untick 不深入，蜻蜓点水; submit again
        await Assertions.Expect(page.Locator("#entry-count")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#q-problems-error")).ToBeHiddenAsync();

        // Form 3: a member; back with the up arrow to change question 2.
        await TypeAsync(page, "2", "Enter", "1", "Enter");
        await ExpectCurrentAsync(page, "satisfying-ways");
        await TypeAsync(page, "ArrowUp");
        await ExpectCurrentAsync(page, "necessity");
        await TypeAsync(page, "3");                             // 没有必要 replaces 十分必要
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "data-entry.png") });
        KeepScreenshot("data-entry.png");
        for (var i = 0; i < 8; i++) await TypeAsync(page, "Enter");
        await Assertions.Expect(page.Locator("#entry-count")).ToHaveTextAsync("3");

        var stored = await browser.App.QueryAsync(db => db.Responses.AsNoTracking()
            .Where(r => r.QuestionnaireId == Id && r.Mode == ResponseMode.Paper).OrderBy(r => r.Seq).Select(r => r.Id).ToListAsync());
        Assert.Equal(3, stored.Count);
        var answers = new List<StoredResponse>();
        foreach (var id in stored) answers.Add(await browser.App.StoredResponseAsync(id));
        Assert.Equal(["identity:resident", "necessity:very-necessary", "overall-view:routine-average", "problems:other",
            "satisfying-ways:proxy-service", "satisfying-ways:service-centre", "urgent-needs:legal-services"], answers[0].Answers);
        Assert.Equal("路灯不亮", Assert.Single(answers[0].Texts).Text);
        Assert.Equal(["identity:cadre", "problems:no-lasting-mechanism", "problems:other", "problems:showing-off",
            "services-offered:legal-education", "services-offered:policy-advice"], answers[1].Answers);
        Assert.Equal("形式主义", Assert.Single(answers[1].Texts).Text);
        Assert.Equal(["identity:member", "necessity:unnecessary"], answers[2].Answers);
        Assert.Empty(answers[2].Texts);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_paper_form_prints_on_A4_with_every_question_whole_on_one_page()
    {
        var questionnaire = browser.App.Services.GetRequiredService<QuestionnaireCatalog>().Find(Id)!;
        var page = await browser.NewPageAsync(width: 1000, height: 1400);
        await page.GotoAsync($"/q/{Id}/paper");
        var folder = Directory.CreateTempSubdirectory("survey-paper-").FullName;
        var pdf = Path.Combine(folder, "paper.pdf");
        await page.PdfAsync(new() { Path = pdf, Format = "A4", PreferCSSPageSize = true, PrintBackground = true });

        var pages = (await RunAsync("pdftotext", $"-enc UTF-8 {pdf} -")).Split('\f').Where(p => p.Trim().Length > 0).Select(Squeeze).ToList();
        Assert.InRange(pages.Count, 1, 3);
        Assert.Contains(Squeeze(questionnaire.Title), pages[0]);
        Assert.Contains("打“√”", pages[0]);
        foreach (var question in questionnaire.Questions)
        {
            // The question, its rule in words and all its options on one page.
            var rule = Squeeze(Survey.Api.ResidentForm.FormRenderer.RuleText(question, questionnaire));
            Assert.True(pages.Any(p => p.Contains(Squeeze(question.Text)) && p.Contains(rule) && question.OptionList.All(o => p.Contains(Squeeze(o.Label)))),
                $"question “{question.Text}” is not whole on one page");
        }
        Assert.Contains("最多选择3项", string.Concat(pages));
        Assert.Contains("仅限第1题选择", string.Concat(pages));
        EnglishText.AssertNone(string.Join("\n", pages), "the paper form");
        await RunAsync("pdftoppm", $"-png -r 80 {pdf} {Path.Combine(BrowserApp.ScreenshotFolder, "paper-form")}");
        foreach (var png in Directory.EnumerateFiles(BrowserApp.ScreenshotFolder, "paper-form-*.png")) KeepScreenshot(Path.GetFileName(png));
    }

    private static string Squeeze(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static void KeepScreenshot(string name)
    {
        if (Environment.GetEnvironmentVariable("SURVEY_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(BrowserApp.ScreenshotFolder, name), Path.Combine(folder, name), overwrite: true);
    }
}
