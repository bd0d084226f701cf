using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Survey.Tests.TestSupport;

/// <summary>
/// The built server (Survey.Api/bin/&lt;configuration&gt;/net10.0/Survey.Api.dll) run as a child process on a port of
/// its own, the way an operator runs it, so it can be killed with SIGKILL and started again. Output is kept for
/// failure messages. <see cref="DisposeAsync"/> kills it if still running.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> environment;
    private readonly StringBuilder output = new();
    private Process? process;

    public ServerProcess(string connectionString, string dataDirectory, string questionnairesDirectory, IDictionary<string, string>? settings = null)
    {
        Port = FreePort();
        environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            ["ConnectionStrings__Survey"] = connectionString,
            ["Survey__DataDirectory"] = dataDirectory,
            ["Survey__QuestionnairesDirectory"] = questionnairesDirectory,
            ["Survey__OrganiserToken"] = SurveyAppFactory.OrganiserToken,
            // The tests' clients all come from 127.0.0.1: the per-client limit is not what they test.
            ["Survey__SubmissionBurstPerClient"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        Directory.CreateDirectory(dataDirectory);
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public string Output { get { lock (output) return output.ToString(); } }

    /// <summary>The server's dll as built beside this test assembly's configuration (Debug or Release).</summary>
    public static string ServerDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            return Path.Combine(RepositoryPaths.Root, "Survey.Api", "bin", configuration, "net10.0", "Survey.Api.dll");
        }
    }

    public static Process Run(IEnumerable<string> arguments, IDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServerDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return Process.Start(start)!;
    }

    /// <summary>Starts the server and waits until /healthz/ready answers 200 (database and questionnaires ready).</summary>
    public async Task StartAsync()
    {
        process = Run([], environment, Path.GetTempPath());
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(180); // generous: the shared 2-core machine can be very loaded
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"the server exited ({process.ExitCode}):\n{Output}");
            try
            {
                if ((await probe.GetAsync("/healthz/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the server did not become ready:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown, no flushing, requests in flight cut off.</summary>
    public void Kill()
    {
        if (process is null) return;
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
        process.Dispose();
        process = null;
    }

    public HttpClient CreateClient(bool organiser = false)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (organiser) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SurveyAppFactory.OrganiserToken);
        return client;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
