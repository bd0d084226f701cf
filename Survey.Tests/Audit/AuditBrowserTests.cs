using Microsoft.Playwright;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Audit;

/// <summary>What organisers see in Chromium: the audit log page (screenshot for the README), with no console errors and a resident's or intruder's markup shown as text.</summary>
public sealed class AuditBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_audit_log_page_lists_sign_ins_and_downloads_newest_first()
    {
        var page = await browser.NewPageAsync(width: 1280, height: 900);
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add("script error: " + error);
        await page.GotoAsync("/admin/sign-in");
        await page.FillAsync("#name", "<script>alert(1)</script>");
        await page.FillAsync("#password", "wrong");
        // Wait for the failed sign-in's 401 page to load, so its console message is in before it is cleared.
        await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), response => response.Status == 401);
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.Load);
        problems.Clear(); // the failed sign-in's 401 page is expected
        await page.FillAsync("#password", SurveyAppFactory.OrganiserToken);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/admin"));
        await page.APIRequest.GetAsync("/api/questionnaires/grassroots-service/tallies.xlsx?by=identity");
        await page.APIRequest.GetAsync("/api/questionnaires/resident-satisfaction/export.csv?round=2026-Q1");

        await page.GotoAsync("/admin/audit");
        var rows = page.Locator("table.audit tbody tr");
        Assert.Equal("下载数据", await rows.Nth(0).Locator("td").Nth(3).InnerTextAsync());
        Assert.Equal("登录成功", await rows.Nth(2).Locator("td").Nth(3).InnerTextAsync());
        Assert.Equal("登录失败", await rows.Nth(3).Locator("td").Nth(3).InnerTextAsync());
        Assert.Equal(1, await page.GetByText("<script>alert(1)</script>").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "organiser-audit.png"), FullPage = false });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
