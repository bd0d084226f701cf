using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Survey.Tests.TestSupport;

/// <summary>
/// xunit class fixture for the organiser browser tests: the application on a fresh SQLite file on a real loopback
/// port (Kestrel, port chosen by the OS) and one headless Debian Chromium driven by Playwright, at desktop size.
/// Missing Chromium fails the tests (never skips): script/bootstrap --test installs it.
/// </summary>
public sealed class OrganiserBrowserApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public SurveyAppFactory App { get; } = new(TestDatabase.CreateSqlite());

    public string BaseUrl { get; private set; } = "";

    /// <summary>Screenshots are test artefacts, kept in the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"{ChromiumPath} not found: run script/bootstrap --test.");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A new page in its own context (no shared cookies), at the given size, Chinese locale, downloads allowed.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await browser!.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            Locale = "zh-CN",
            BaseURL = BaseUrl,
            AcceptDownloads = true,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}
