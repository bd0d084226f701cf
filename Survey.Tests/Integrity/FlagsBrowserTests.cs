using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Integrity;

/// <summary>The flags section of the dashboard in Chromium: a burst set aside by its button, the others listed; screenshot for the README.</summary>
public sealed class FlagsBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_organiser_sets_a_burst_aside_from_the_dashboard_and_can_restore_it()
    {
        var start = new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);
        Dictionary<string, string[]> Answers(int i) => new()
        {
            ["identity"] = [new[] { "resident", "member", "cadre" }[i % 3]],
            ["community"] = [new[] { "east-street", "west-street", "south-village", "north-village" }[i % 4]],
            ["strong-leadership"] = [new[] { "satisfied", "basically-satisfied", "dissatisfied" }[i % 3]],
        };
        await browser.App.InsertAsync("resident-satisfaction", Enumerable.Range(0, 30).Select(i => (start.AddMinutes(i), Answers(i))));
        await browser.App.InsertAsync("resident-satisfaction", Enumerable.Range(0, 14).Select(i => (start.AddMinutes(45), Answers(i))));
        await browser.App.InsertAsync("resident-satisfaction", Enumerable.Range(0, 4).Select(i => (start.AddMinutes(70 + i), Answers(0))));

        var page = await browser.NewPageAsync(width: 1280, height: 900);
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add(message.Text); };
        await page.GotoAsync("/admin/sign-in");
        await page.FillAsync("#password", SurveyAppFactory.OrganiserToken);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/admin"));
        await page.GotoAsync("/admin/q/resident-satisfaction");
        var section = page.Locator("section#flags");
        await Assertions.Expect(section.Locator("table.flag-groups tbody tr")).ToHaveCountAsync(2);

        var burst = section.Locator("table.flag-groups tbody tr", new() { HasText = "提交激增" });
        await burst.Locator("input[name=reason]").FillAsync("同一分钟收到14份，待核实");
        await burst.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/admin/q/resident-satisfaction"));
        await Assertions.Expect(section.Locator("p.notice")).ToHaveTextAsync("当前有 14 份答卷被搁置，未计入本页结果。");
        var results = await browser.App.CreateOrganiserClient().GetFromJsonAsync<JsonElement>("/api/questionnaires/resident-satisfaction/results");
        Assert.Equal(34, results.GetProperty("responses").GetInt64());
        await section.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "organiser-flags.png") });

        await section.Locator("table.set-asides button[type=submit]").ClickAsync();
        await Assertions.Expect(section.Locator("table.set-asides")).ToContainTextAsync("已恢复");
        results = await browser.App.CreateOrganiserClient().GetFromJsonAsync<JsonElement>("/api/questionnaires/resident-satisfaction/results");
        Assert.Equal(48, results.GetProperty("responses").GetInt64());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
