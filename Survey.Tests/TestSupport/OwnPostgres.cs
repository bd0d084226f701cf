using System.Diagnostics;

namespace Survey.Tests.TestSupport;

/// <summary>
/// A small PostgreSQL cluster of the test's own (initdb in a temporary folder, a free port), so the test can kill
/// it with SIGKILL and start it again without touching the cluster the rest of the suite uses. As root (this
/// machine's CI), PostgreSQL runs as the postgres user via runuser, like script/test. Removed on dispose.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly string folder;
    private readonly string bin;
    private readonly bool asPostgres = Environment.UserName == "root";

    private OwnPostgres(string folder, string bin)
    {
        this.folder = folder;
        this.bin = bin;
        Port = ServerProcess.FreePort();
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5;Command Timeout=15";

    private string Data => Path.Combine(folder, "data");

    public static async Task<OwnPostgres> StartAsync()
    {
        var bin = FindBin();
        var folder = Directory.CreateTempSubdirectory("survey-own-pg-").FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var cluster = new OwnPostgres(folder, bin);
        if (cluster.asPostgres) await cluster.RunAsync("chown", "-R", "postgres", folder);
        await cluster.RunAsync(cluster.Pg("initdb"), "-D", cluster.Data, "-A", "trust", "-U", "postgres", "-E", "UTF8");
        await cluster.StartAgainAsync();
        return cluster;
    }

    public Task StartAgainAsync() => RunAsync(Pg("pg_ctl"), "-D", Data, "-l", Path.Combine(folder, "postgres.log"), "-w",
        "-o", $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100", "start");

    /// <summary>SIGKILL to the postmaster and every server process it started, as in a crash; the next start recovers.</summary>
    public async Task KillAsync()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(Data, "postmaster.pid")).First());
        var children = Directory.EnumerateDirectories("/proc").Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _)).Select(int.Parse!)
            .Where(pid => ParentOf(pid) == postmaster).ToList();
        foreach (var pid in children.Prepend(postmaster))
            try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        // Wait until they are gone, so the restart finds no shared memory still attached.
        for (var i = 0; i < 100 && children.Prepend(postmaster).Any(pid => Directory.Exists($"/proc/{pid}")); i++) await Task.Delay(50);
    }

    public async ValueTask DisposeAsync()
    {
        try { await RunAsync(Pg("pg_ctl"), "-D", Data, "-m", "immediate", "stop"); } catch (InvalidOperationException) { }
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException) { return null; }
    }

    private string Pg(string tool) => Path.Combine(bin, tool);

    private async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(asPostgres && program != "chown" ? "runuser" : program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder,
        };
        if (asPostgres && program != "chown") foreach (var part in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(part);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stdout}{await stderr}");
    }

    private static string FindBin()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")) : []);
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "initdb")))
               ?? throw new InvalidOperationException("PostgreSQL's initdb not found (script/bootstrap installs it)");
    }
}
