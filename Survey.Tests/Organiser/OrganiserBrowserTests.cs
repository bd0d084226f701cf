using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Organiser;

/// <summary>
/// The organiser's path in headless Chromium on a real port: sign in through the form, filter to cadres, download the
/// report bundle and check its counts against the database; screenshots of the dashboard (desktop and tablet) with
/// no console errors (a CSP violation would be one).
/// </summary>
public sealed class OrganiserBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Id = "grassroots-service";

    private async Task<(IPage Page, List<string> Problems)> SignedInPage(int width = 1280, int height = 900)
    {
        var page = await browser.NewPageAsync(width: width, height: height);
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add("script error: " + error);
        page.Dialog += (_, dialog) => problems.Add("dialog: " + dialog.Message);
        page.Response += (_, response) => { if (response.Status >= 400) problems.Add($"{response.Status} {response.Url}"); };
        await page.GotoAsync("/admin");
        Assert.Contains("/admin/sign-in", page.Url);
        await page.FillAsync("#password", SurveyAppFactory.OrganiserToken);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/admin"));
        return (page, problems);
    }

    private async Task SeedAsync()
    {
        var catalog = browser.App.Services.GetRequiredService<QuestionnaireCatalog>();
        if (await browser.App.QueryAsync(db => db.Responses.AnyAsync())) return;
        var client = browser.App.CreateClient();
        await Submissions.PostAllAsync(client, Id, SyntheticResponses.Generate(catalog.Find(Id)!, 150, seed: 2026));
        await Submissions.PostAllAsync(client, "resident-satisfaction", SyntheticResponses.Generate(catalog.Find("resident-satisfaction")!, 90, seed: 11));
        await Submissions.PostAsync(client, Id, """{"answers":{"identity":["resident"],"problems":["other"]},"otherText":{"problems":"<img src=x onerror=alert(1)>"}}""");
    }

    [Fact]
    public async Task Sign_in_filter_to_cadres_and_the_downloaded_bundle_counts_equal_the_database()
    {
        await SeedAsync();
        var (page, problems) = await SignedInPage();
        await page.ClickAsync($"a[href='/admin/q/{Id}']");
        await page.SelectOptionAsync("select[name=where] >> nth=0", "identity:cadre");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("where=identity%3Acadre") || url.Contains("where=identity:cadre"));
        // admin.js dropped the empty fields, so the address holds just the filter (and the default base).
        Assert.DoesNotContain("where=&", page.Url);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[href*='report.zip']"));
        Assert.Equal($"{Id}-{Survey.Core.Definitions.BeijingTime.DayOf(DateTime.UtcNow):yyyy-MM-dd}-身份=村(社区)“两委”干部-report.zip", download.SuggestedFilename);
        var path = await download.PathAsync();
        using var zip = ZipFile.OpenRead(path!);
        using var tallies = new MemoryStream();
        await using (var entry = zip.GetEntry("tables/tallies.csv")!.Open()) await entry.CopyToAsync(tallies);
        var rows = Downloads.ReadCsv(tallies.ToArray());

        // Counts under the filter, decoded from the stored rows.
        var expected = (await browser.App.StoredAnswersAsync(Id))
            .Where(r => r.Answers.GetValueOrDefault("identity")?.Contains("cadre") == true)
            .SelectMany(r => r.Answers.SelectMany(a => a.Value.Select(o => (QuestionId: a.Key, OptionId: o))))
            .GroupBy(a => a).Select(g => new { g.Key.QuestionId, g.Key.OptionId, Count = g.LongCount() }).ToList();
        Assert.NotEmpty(expected);
        foreach (var row in rows)
            Assert.Equal(expected.SingleOrDefault(e => e.QuestionId == row["题目编号"] && e.OptionId == row["选项编号"])?.Count ?? 0, long.Parse(row["人数"]));
        Assert.Contains(zip.Entries, e => e.FullName == "charts/identity.png");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Dashboard_screenshots_desktop_and_tablet()
    {
        await SeedAsync();
        var (page, problems) = await SignedInPage();
        await Assertions.Expect(page.Locator("table.questionnaires tbody tr")).ToHaveCountAsync(browser.App.Services.GetRequiredService<QuestionnaireCatalog>().All.Count);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "organiser-list.png"), FullPage = true });

        await page.GotoAsync($"/admin/q/{Id}?by=identity");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Every chart image loaded (organiser cookie sent with the image requests, CSP allowed them).
        var widths = await page.EvalOnSelectorAllAsync<int[]>("img.chart", "images => images.map(i => i.naturalWidth)");
        Assert.NotEmpty(widths);
        Assert.All(widths, w => Assert.True(w > 0));
        // The resident's markup is shown as text, never run.
        Assert.Equal(1, await page.GetByText("<img src=x onerror=alert(1)>").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "organiser-dashboard.png"), FullPage = false });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "organiser-dashboard-full.png"), FullPage = true });

        var (tablet, tabletProblems) = await SignedInPage(820, 1180);
        await tablet.GotoAsync("/admin/q/resident-satisfaction");
        await tablet.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Nothing wider than the tablet's screen.
        Assert.True(await tablet.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await tablet.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "organiser-tablet.png") });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(tabletProblems.Count == 0, string.Join("\n", tabletProblems));
    }
}
