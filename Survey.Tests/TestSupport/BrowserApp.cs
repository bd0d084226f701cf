using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Survey.Tests.TestSupport;

/// <summary>
/// xunit class fixture for browser tests: the application on a fresh SQLite file, listening on a real loopback port
/// (Kestrel, port chosen by the OS), and one headless Debian Chromium driven by Playwright. If Chromium is missing or
/// cannot start, the fixture throws and every test using it fails (never skips): script/bootstrap --test installs it.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The phone size the form is designed for, in CSS pixels.</summary>
    public const int PhoneWidth = 360, PhoneHeight = 740;

    private IPlaywright? playwright;
    private IBrowser? browser;

    public SurveyAppFactory App { get; } = new(TestDatabase.CreateSqlite());

    /// <summary>http://127.0.0.1:port, without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>Screenshots are test artefacts, kept in the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Runs before the server starts: a derived fixture may add questionnaires or settings here.</summary>
    protected virtual void Prepare(SurveyAppFactory app) { }

    public async Task InitializeAsync()
    {
        Prepare(App);
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');

        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} not found: run script/bootstrap --test (installs Debian's chromium and fonts-noto-cjk).");
        playwright = await Playwright.CreateAsync();
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"Chromium ({ChromiumPath}) could not start; browser tests cannot run: {e.Message}", e);
        }
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A new page in its own context (no shared cookies or storage), phone-sized unless told, Chinese locale.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, int width = PhoneWidth, int height = PhoneHeight)
    {
        var context = await Browser.NewContextAsync(new()
        {
            JavaScriptEnabled = javaScript,
            ViewportSize = new() { Width = width, Height = height },
            Locale = "zh-CN",
            BaseURL = BaseUrl,
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
