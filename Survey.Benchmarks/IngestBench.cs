using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Survey.Benchmarks;

/// <summary>
/// API ingest against its floor, both measured with C clients on the same PostgreSQL (fsync on) in the same run, in
/// alternating windows (<see cref="Rounds"/>):
/// <c>wrk</c> posting valid bodies (each with its own Idempotency-Key, as the resident form sends, never one used
/// before in the run: a repeated key is answered 201 without storing anything) to the real server once it is warm,
/// and <c>pgbench</c> inserting one compact row (uuid, questionnaire, time, sequence number, pattern bytes) per
/// transaction, at the same connection counts. For reference, pgbench also runs the API's own write for one
/// submission per transaction (key and response row), which is what storing without group commit would give.
/// </summary>
public static partial class IngestBench
{
    public static readonly int[] Connections = [8, 32];
    private const int Seconds = 10;

    /// <summary>
    /// wrk and pgbench windows alternate, this many of each per connection count, each after a CHECKPOINT. Measured one
    /// after the other (15 s of wrk, then later 15 s of pgbench), the same build gave 0.48×, 0.52× and 0.61× in three
    /// quiet runs, and single windows of either client moved by ±15% from one to the next on this shared machine.
    /// Alternating puts both clients under the same drift; the checkpoint puts every window at the same point of
    /// PostgreSQL's full-page writes (the first change of a page after a checkpoint writes the whole page to the WAL),
    /// instead of wherever the time-based checkpoints happened to fall. The ratio is that of the mean rates; each
    /// round's is printed.
    /// </summary>
    private const int Rounds = 3;

    public static async Task RunAsync(ResultTable table, Questionnaire questionnaire, string adminConnection, string pgbench, string work)
    {
        var database = await Databases.CreatePostgresAsync(adminConnection, "bench_ingest");
        var script = Path.Combine(work, "post.lua");
        await File.WriteAllTextAsync(script, LuaScript(questionnaire), new UTF8Encoding(false));
        await Databases.ExecutePostgresAsync(database, """
            CREATE SEQUENCE ingest_floor_seq;
            CREATE TABLE ingest_floor (id uuid PRIMARY KEY, questionnaire_id varchar(64) NOT NULL, questionnaire_version integer NOT NULL,
                submitted_at timestamptz NOT NULL, seq bigint NOT NULL, patterns bytea NOT NULL);
            CREATE UNIQUE INDEX ON ingest_floor (questionnaire_id, seq);
            """);
        var insert = Path.Combine(work, "insert.sql");
        await File.WriteAllTextAsync(insert, """
            INSERT INTO ingest_floor VALUES (gen_random_uuid(), 'grassroots-service', 1, date_trunc('minute', now()), nextval('ingest_floor_seq'), '\x0102030601010203080102'::bytea);
            """);
        var builder = new NpgsqlConnectionStringBuilder(database);
        await using (var server = await ApiServer.StartAsync(database, work))
        {
            await WarmUpAsync(server.Url, script);
            foreach (var connections in Connections)
            {
                var api = new List<(double Rate, double P99, long Errors)>();
                var floor = new List<double>();
                for (var round = 1; round <= Rounds; round++)
                {
                    await Databases.ExecutePostgresAsync(database, "CHECKPOINT");
                    api.Add(await RunWrkAsync(server.Url, script, connections, Seconds, $"c{connections}r{round}"));
                    await Databases.ExecutePostgresAsync(database, "CHECKPOINT");
                    floor.Add(await RunPgbenchAsync(pgbench, insert, builder, connections));
                    Console.WriteLine($"  {connections} connections, round {round}: API {api[^1].Rate:0}/s (p99 {api[^1].P99:0.0} ms), pgbench {floor[^1]:0}/s: {api[^1].Rate / floor[^1]:0.00}×");
                }
                var rate = api.Average(a => a.Rate);
                var errors = api.Sum(a => a.Errors);
                var ratios = api.Select((a, i) => a.Rate / floor[i]).ToList();
                table.Add($"API ingest, {connections} connections (wrk, {Rounds}×{Seconds} s alternating with pgbench; p99 {api.Max(a => a.P99):0.0} ms{(errors > 0 ? $", {errors} non-2xx" : "")})", "PostgreSQL", null,
                    $"{ResultTable.Number(rate)} responses/s", $"pgbench 1 row/transaction: {ResultTable.Number(floor.Average())}/s (target ≥ 0.50×{(connections == 8 ? ", p99 < 50 ms" : "")}; rounds {string.Join(", ", ratios.Select(r => ResultTable.Times(r)))})",
                    ResultTable.Times(rate / floor.Average()));
            }
        }

        var apiWrite = Path.Combine(work, "api-write.sql");
        await File.WriteAllTextAsync(apiWrite, ApiWriteOfOneSubmission);
        foreach (var connections in Connections)
        {
            var oneByOne = await RunPgbenchAsync(pgbench, apiWrite, builder, connections);
            table.Add($"reference: the API's write of one submission per transaction, {connections} connections (pgbench)", "PostgreSQL", null,
                $"{ResultTable.Number(oneByOne)}/s", "not a target: what storing without group commit would allow", "");
        }
    }

    /// <summary>
    /// wrk until the server is warm: a fresh process spends its first tens of seconds in the JIT (tier-up, profile-guided
    /// re-compilation; perf showed the tiering thread at a third of the server's CPU after a 3 s warm-up, and the rate
    /// kept rising for 25-30 s at a load average of 15), which is not what a server that has been up for a day does.
    /// Windows of 5 s at 8 connections, at least 6, until one is not 10% faster than the best before it (at most 12); each printed.
    /// </summary>
    private static async Task WarmUpAsync(string url, string script)
    {
        var best = 0.0;
        for (var window = 1; window <= 12; window++)
        {
            var (rate, _, _) = await RunWrkAsync(url, script, 8, 5, $"warm{window}");
            Console.WriteLine($"  warm-up window {window}: {rate:0} responses/s");
            if (window >= 6 && rate < best * 1.1) return;
            best = Math.Max(best, rate);
        }
    }

    /// <summary>
    /// The statement <c>ResponseRowWriter</c> sends for a batch, for one submission without texts: its idempotency key,
    /// the questionnaire's counter (row lock held to commit) and its compact row. Random ids and keys per transaction.
    /// </summary>
    private const string ApiWriteOfOneSubmission = """
        WITH input AS (SELECT gen_random_uuid() AS id, md5(random()::text) AS key_hash, 1 AS ord), new_keys AS (INSERT INTO idempotency_keys ("KeyHash", "RequestHash", "ResponseId") SELECT key_hash, key_hash, id FROM input ON CONFLICT ("KeyHash") DO NOTHING RETURNING "ResponseId") INSERT INTO responses ("Id", "QuestionnaireId", "QuestionnaireVersion", "SubmittedAt", "Patterns", "Mode") SELECT id, 'grassroots-service', 1, date_trunc('minute', now()), '\x0102030601010203080102'::bytea, 0 FROM input WHERE id IN (SELECT "ResponseId" FROM new_keys) ORDER BY ord;

        """;

    private static string LuaScript(Questionnaire questionnaire)
    {
        var bodies = string.Join(",\n", BenchData.Bodies(questionnaire, 500).Select(b => $"[==[{b}]==]"));
        return $$"""
            local bodies = {
            {{bodies}}
            }
            local threads = 0
            function setup(thread)
              threads = threads + 1
              thread:set("tid", threads)
            end
            local counter = 0
            local run = "run"
            function init(args)
              run = args[1] or "run"
            end
            function request()
              counter = counter + 1
              return wrk.format("POST", "/api/questionnaires/{{questionnaire.Id}}/responses",
                { ["Content-Type"] = "application/json", ["Idempotency-Key"] = "bench-" .. run .. "-" .. tid .. "-" .. counter },
                bodies[(counter % #bodies) + 1])
            end
            """;
    }

    /// <param name="run">Part of every Idempotency-Key wrk sends, so no run repeats another's keys.</param>
    private static async Task<(double Rate, double P99, long Errors)> RunWrkAsync(string url, string script, int connections, int seconds, string run)
    {
        var output = await RunAsync("wrk", ["-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, url, "--", run]);
        var rate = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var p99 = P99().Match(output) is { Success: true } m ? Milliseconds(m.Groups[1].Value, m.Groups[2].Value) : double.NaN;
        var errors = NonSuccess().Match(output) is { Success: true } e ? long.Parse(e.Groups[1].Value) : 0;
        // Only stored responses count: wrk's rate includes refusals (429/503), which cost the server almost nothing.
        if (errors > 0 && Total().Match(output) is { Success: true } t)
            rate *= Math.Max(0, 1 - errors / double.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture));
        return (rate, p99, errors);
    }

    private static async Task<double> RunPgbenchAsync(string pgbench, string script, NpgsqlConnectionStringBuilder database, int connections)
    {
        var output = await RunAsync(pgbench, ["-n", "-c", $"{connections}", "-j", "2", "-T", $"{Seconds}", "-f", script,
            "-h", database.Host!, "-p", $"{database.Port}", "-U", database.Username!, database.Database!]);
        return double.Parse(Tps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static double Milliseconds(string value, string unit) =>
        double.Parse(value, CultureInfo.InvariantCulture) * unit switch { "us" => 0.001, "ms" => 1, "s" => 1000, _ => double.NaN };

    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} exited with {process.ExitCode}: {await error}");
        return await output + await error;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")] private static partial Regex RequestsPerSecond();
    [GeneratedRegex(@"(\d+) requests in ")] private static partial Regex Total();
    [GeneratedRegex(@"\s99%\s+([\d.]+)(us|ms|s)")] private static partial Regex P99();
    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")] private static partial Regex NonSuccess();
    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")] private static partial Regex Tps();
}
