using Survey.Api.Import;

namespace Survey.Tests.Import;

public class ImportProgressTests
{
    [Fact]
    public void The_line_shows_the_share_read_the_count_the_rate_and_the_time_left()
    {
        // 30% of the file in 3 s: 7 s left at the same pace; 45,000 responses in 3 s = 15,000/s.
        var line = ImportProgress.Line(0.3, 45_000, TimeSpan.FromSeconds(3));

        Assert.Equal("[#########.....................]  30%  45,000 responses  15,000 responses/s  ETA 0:07", line);
    }

    [Fact]
    public void Nothing_is_known_before_anything_is_read()
    {
        Assert.Equal("[..............................]   0%  0 responses  0 responses/s  ETA -:--", ImportProgress.Line(0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_terminal_gets_a_redrawn_line_ending_with_a_newline_and_a_pipe_gets_nothing()
    {
        var terminal = new StringWriter();
        var progress = new ImportProgress(terminal, enabled: true, () => 0.5);
        progress.Report(10);
        progress.Report(20); // within 100 ms of the first: not drawn again
        progress.Finish(40);
        var drawn = terminal.ToString();
        Assert.StartsWith("\r[", drawn);
        Assert.Contains(" 50%  10 responses", drawn);
        Assert.DoesNotContain(" 20 responses", drawn);
        Assert.EndsWith(Environment.NewLine, drawn);
        Assert.Contains(" 50%  40 responses", drawn);

        var pipe = new StringWriter();
        var silent = new ImportProgress(pipe, enabled: false, () => 0.5);
        silent.Report(10);
        silent.Finish(10);
        Assert.Equal("", pipe.ToString());
    }
}
