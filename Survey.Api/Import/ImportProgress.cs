using System.Diagnostics;
using System.Globalization;

namespace Survey.Api.Import;

/// <summary>
/// A one-line progress bar on standard error, redrawn at most ten times a second: share of the file read,
/// responses so far, responses per second and the estimated time left (from the share of bytes read). Hand-made
/// (a carriage return and one line) rather than a console library: this is all the import needs. Drawn only when
/// standard error is a terminal, so logs and pipes get just the result lines.
/// </summary>
public sealed class ImportProgress(TextWriter output, bool enabled, Func<double> fractionRead)
{
    private const int BarWidth = 30;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan nextDraw = TimeSpan.Zero;

    public void Report(int responses)
    {
        if (!enabled || clock.Elapsed < nextDraw) return;
        Draw(responses);
    }

    public void Finish(int responses)
    {
        if (!enabled) return;
        Draw(responses);
        output.WriteLine();
    }

    public static string Line(double fraction, int responses, TimeSpan elapsed)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        var rate = elapsed.TotalSeconds > 0 ? responses / elapsed.TotalSeconds : 0;
        var eta = fraction > 0 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - fraction) / fraction) : (TimeSpan?)null;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {fraction * 100,3:0}%  {responses:N0} responses  " +
            $"{rate:N0} responses/s  ETA {(eta is { } left ? left.ToString(@"m\:ss") : "-:--")}");
    }

    private void Draw(int responses)
    {
        nextDraw = clock.Elapsed + TimeSpan.FromMilliseconds(100);
        // \r returns to the start of the line; the trailing spaces clear what a longer previous line left.
        output.Write($"\r{Line(fractionRead(), responses, clock.Elapsed)}   ");
        output.Flush();
    }
}
