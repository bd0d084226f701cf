using System.Net.Http.Json;
using Microsoft.Playwright;
using Survey.Tests.TestSupport;
using static Survey.Tests.Rounds.RoundResponses;

namespace Survey.Tests.Rounds;

/// <summary>
/// The organiser's rounds in headless Chromium: the round selector narrows the dashboard to a quarter, the rounds page
/// shows the trend chart and the league table; screenshots for the README, no console errors.
/// </summary>
public sealed class RoundsBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Round_selector_trend_chart_and_league_table()
    {
        await StoreOnceAsync(browser.App);
        var client = browser.App.CreateOrganiserClient();
        await client.PostAsJsonAsync($"/api/questionnaires/{Id}/rounds/2026-Q1/assessments", new { organisation = "east-street", self = 90, review = 80 });
        await client.PostAsJsonAsync($"/api/questionnaires/{Id}/rounds/2026-Q1/assessments", new { organisation = "west-street", self = 70, review = 60 });

        var page = await browser.NewPageAsync(width: 1280, height: 900);
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add(message.Text); };
        page.Response += (_, response) => { if (response.Status >= 400) problems.Add($"{response.Status} {response.Url}"); };
        await page.GotoAsync("/admin");
        await page.FillAsync("#password", SurveyAppFactory.OrganiserToken);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/admin"));

        await page.GotoAsync($"/admin/q/{Id}?round=2026-Q1");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal("2026-Q1", await page.InputValueAsync("select[name=round]"));
        await Assertions.Expect(page.Locator("p.applied")).ToContainTextAsync("2026年第一季度（2026-01-01 至 2026-03-31，北京时间）");
        await Assertions.Expect(page.Locator(".activity strong")).ToHaveTextAsync("17");
        await page.Locator("form.filters").ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "organiser-round-selector.png") });

        await page.GotoAsync($"/admin/q/{Id}/rounds?round=2026-Q1");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var widths = await page.EvalOnSelectorAllAsync<int[]>("img.chart", "images => images.map(i => i.naturalWidth)");
        Assert.Equal(2, widths.Length);
        Assert.All(widths, w => Assert.True(w > 0));
        var rows = page.Locator("table.league tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        // Ranked by the composite (both scores entered): east 88.7, west 64.0; south and north 样本不足.
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("东街社区");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("88.7");
        await Assertions.Expect(rows.Nth(3)).ToContainTextAsync("样本不足");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "organiser-rounds.png"), FullPage = true });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
