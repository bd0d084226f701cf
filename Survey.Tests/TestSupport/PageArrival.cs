using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Survey.Tests.TestSupport;

/// <summary>
/// Waits for a page to arrive at an address, however and whenever its navigation started.
/// </summary>
/// <remarks>
/// The resident form (with JavaScript) sends the answers with fetch and, on 201, calls location.replace: the navigation
/// starts after the click has returned, at a moment the test does not control. Playwright's <c>WaitForURLAsync</c> reads
/// <c>page.Url</c> and only then subscribes to navigation events (Frame.WaitForURLAsync in playwright-dotnet), and the
/// events arrive on Playwright's reader thread: a navigation committed between the read and the subscription is never
/// seen, and the wait times out after 30 s on a page that is already there. <c>Expect(page).ToHaveURLAsync</c> polls the
/// page's address instead, so it cannot miss a navigation.
/// </remarks>
public static class PageArrival
{
    /// <summary>The same 30 s that <c>WaitForURLAsync</c> allowed: a loaded 2-core machine can be slow to store and navigate.</summary>
    public const float Timeout = 30_000;

    /// <summary>Passes once the page's address ends with <paramref name="path"/> (no query string).</summary>
    public static Task ExpectPathAsync(IPage page, string path) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"), new() { Timeout = Timeout });
}
