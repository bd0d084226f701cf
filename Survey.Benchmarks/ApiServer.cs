using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Survey.Benchmarks;

/// <summary>
/// The real server (Survey.Api, Release build) as its own process on a free port, as organisers and wrk meet it:
/// started on a given database, stopped by killing it (a restart is a new process), its memory read from /proc.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string Token = "bench-organiser-token-0123456789";

    private readonly Process process;

    private ApiServer(Process process, string url)
    {
        this.process = process;
        Url = url;
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public string Url { get; }
    public int ProcessId => process.Id;
    public HttpClient Client { get; }

    /// <summary>The server's log line about its snapshot after a start-up load (responses, seconds, managed bytes), if it wrote one.</summary>
    public string? SnapshotLine { get; private set; }

    public static string RepositoryRoot { get; } = FindRoot();
    /// <summary>The server as script/server runs it (script/bench publishes it and says where), else the plain Release build.</summary>
    public static string ApiDll => Environment.GetEnvironmentVariable("SURVEY_API_DLL") is { Length: > 0 } published
        ? published
        : Path.Combine(RepositoryRoot, "Survey.Api", "bin", "Release", "net10.0", "Survey.Api.dll");
    public static string QuestionnairesFolder => Path.Combine(RepositoryRoot, "questionnaires");

    /// <summary>Starts the server and returns once /healthz answers 200.</summary>
    public static async Task<ApiServer> StartAsync(string connectionString, string work)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [ApiDll])
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Survey"] = connectionString;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Survey__OrganiserToken"] = Token;
        // Every benchmark request comes from 127.0.0.1: the per-client submission limits (burst 60, 360 an hour) would
        // refuse almost all of wrk's load. The instance-wide limits (concurrent submissions and their queue) stay.
        start.Environment["Survey__SubmissionBurstPerClient"] = "100000000";
        start.Environment["Survey__SubmissionsPerClientPerHour"] = "100000000";
        start.Environment["Survey__DataDirectory"] = Path.Combine(work, "data");
        start.Environment["Survey__QuestionnairesDirectory"] = QuestionnairesFolder;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Survey.Api.Results.Engine.ResponseSnapshots"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        ApiServer? server = null;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => { if (line.Data is { } text && text.Contains("Snapshot of ", StringComparison.Ordinal)) server!.SnapshotLine = text.Trim(); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { Length: > 0 }) Console.Error.WriteLine($"    server: {line.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        server = new ApiServer(process, $"http://127.0.0.1:{port}");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"the server exited with {process.ExitCode}");
            try
            {
                if ((await server.Client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException) { }
            if (deadline.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("the server did not become healthy");
            await Task.Delay(20);
        }
    }

    /// <summary>A field of /proc/PID/status in bytes: VmRSS (resident now) or VmHWM (peak resident).</summary>
    public long Memory(string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    public async Task<double> TimeGetAsync(string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null);
        return clock.Elapsed.TotalSeconds;
    }

    public async Task PostAsync(string path, string json)
    {
        using var response = await Client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Survey.sln"))) return folder.FullName;
        throw new InvalidOperationException("Survey.sln not found above " + AppContext.BaseDirectory);
    }
}
