using System.Diagnostics;
using System.Text;

namespace Survey.Tests.TestSupport;

/// <summary>
/// Runs the tools organisers' software is checked with (chromium, pdftotext, pdftoppm, zbarimg, LibreOffice) and
/// returns their standard output; a non-zero exit fails the test with the tool's own error text.
/// </summary>
public static class ExternalTool
{
    public static async Task<string> RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} failed: {await error}");
        return await output;
    }
}
