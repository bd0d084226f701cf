using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Survey.Benchmarks.ResultTable;

namespace Survey.Benchmarks;

/// <summary>
/// What organisers wait for, through HTTP against the real server on a database holding <c>size</c> imported
/// responses: the first results after a restart, memory per stored response, the full results by identity (with and
/// without a date and an answer filter) right after a new response arrived, compared with the SQL floor
/// (<see cref="SqlFloor"/>), the dashboard page with its charts, and how much memory an export.csv takes.
/// </summary>
public static partial class AnalysisBench
{
    public const string Questionnaire = "grassroots-service";
    public const string ResultsPath = $"/api/questionnaires/{Questionnaire}/results?by=identity";
    private const string ResponsesPath = $"/api/questionnaires/{Questionnaire}/responses";
    private const int FilterFromDay = 30;

    private static readonly Dictionary<string, (int Size, double Bytes)> ExportGrowth = [];

    /// <summary>
    /// The server's resident size (<see cref="ResidentAfterResultsAsync"/>), by database, at the last size measured: with
    /// two sizes in one run, the growth between them per response added is the cost per stored response above a fixed
    /// base, free of the base itself (what a server holding data keeps whatever its size, which an empty server lacks).
    /// </summary>
    private static readonly Dictionary<string, (int Size, long Bytes)> Resident = [];

    /// <summary>Servers started to measure one resident size: identical starts differ by a few MB.</summary>
    private const int MemoryStarts = 3;

    /// <summary>
    /// The resident size of a server just started on this database and asked for the results twice, the median of
    /// <see cref="MemoryStarts"/> such starts, one after another: the same measure for the empty server and at each size.
    /// </summary>
    public static async Task<long> ResidentAfterResultsAsync(string connectionString, string work)
    {
        var sizes = new List<long>();
        for (var start = 0; start < MemoryStarts; start++)
        {
            await using var server = await ApiServer.StartAsync(connectionString, work);
            await server.TimeGetAsync(ResultsPath);
            await server.TimeGetAsync(ResultsPath);
            sizes.Add(server.Memory("VmRSS"));
        }
        return sizes.Order().ElementAt(sizes.Count / 2);
    }

    public static async Task RunAsync(ResultTable table, Questionnaire questionnaire, BenchData data, string kind, int size,
        string connectionString, long emptyServerMemory, string work)
    {
        var postgres = kind == "PostgreSQL";
        var necessity = questionnaire.FindQuestion("necessity")!;
        var filter = new SqlFloor.Filter(FilterFromDay, data.ChoiceQuestions.ToList().IndexOf(necessity), 0);
        var filteredPath = $"{ResultsPath}&from={BenchData.FirstDay.AddDays(FilterFromDay):yyyy-MM-dd}&where=necessity:{necessity.OptionList[0].Id}";
        double floor, filteredFloor;
        await using (DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(); // the floor table was loaded by Program, right after the import
            floor = await SqlFloor.TimeAsync(connection, SqlFloor.Query(postgres, data.ChoiceQuestions.Count, null));
            filteredFloor = await SqlFloor.TimeAsync(connection, SqlFloor.Query(postgres, data.ChoiceQuestions.Count, filter));
        }

        var clock = Stopwatch.StartNew();
        await using var server = await ApiServer.StartAsync(connectionString, work);
        var healthy = clock.Elapsed.TotalSeconds;
        await server.TimeGetAsync(ResultsPath);
        var firstResults = clock.Elapsed.TotalSeconds;
        table.Add($"first results?by=identity after a restart (process start → answer; {Seconds(healthy)} of it to /healthz)", kind, size,
            Seconds(firstResults), "target ≤ 5 s at 1M", Times(firstResults / 5));
        var resident = await ResidentAfterResultsAsync(connectionString, work);
        var perResponse = (resident - emptyServerMemory) / (double)size;
        var managed = server.SnapshotLine is { } line && ManagedPerResponse().Match(line) is { Success: true } m ? m.Groups[1].Value + " B managed snapshot" : "snapshot size not logged";
        table.Add($"server memory per stored response (resident, minus an empty server's; medians of {MemoryStarts} starts)", kind, size, $"{perResponse:0.0} B", $"target ≤ 64 B ({managed})", Times(perResponse / 64));
        if (Resident.GetValueOrDefault(kind) is { Size: > 0 } smaller && smaller.Size < size)
        {
            var slope = (resident - smaller.Bytes) / (double)(size - smaller.Size);
            table.Add($"server memory per stored response from {smaller.Size:N0} to {size:N0} (resident growth per response added)", kind, size,
                $"{slope:0.0} B", "target ≤ 64 B above a fixed base (the base cancels out)", Times(slope / 64));
        }
        Resident[kind] = (size, resident);

        var bodies = BenchData.Bodies(questionnaire, 10);
        var next = 0;
        foreach (var (path, name, sqlFloor) in new[] { (ResultsPath, "by=identity", floor), (filteredPath, "by=identity&from&where", filteredFloor) })
        {
            var samples = new List<double>();
            for (var run = 0; run < 5; run++)
            {
                await server.PostAsync(ResponsesPath, bodies[next++ % bodies.Count]);
                samples.Add(await server.TimeGetAsync(path));
            }
            var median = SqlFloor.Median(samples);
            table.Add($"results?{name} after a new response (median of 5)", kind, size, Seconds(median),
                $"SQL floor {Seconds(sqlFloor)}; target ≤ 0.5 s at 1M", Times(median / sqlFloor));
        }

        var pages = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            await server.PostAsync(ResponsesPath, bodies[next++ % bodies.Count]);
            pages.Add(await TimeDashboardAsync(server));
        }
        var page = SqlFloor.Median(pages);
        table.Add("dashboard page by identity + its chart images, after a new response (median of 3)", kind, size, Seconds(page), "target ≤ 1.5 s at 1M", Times(page / 1.5));

    }

    /// <summary>
    /// export.csv of every response on a fresh server: how far the resident size rises above what it was before (the
    /// peak is reset first), compared with the same at the previous size. Run last, as it is the longest.
    /// </summary>
    public static async Task ExportAsync(ResultTable table, string kind, int size, string connectionString, string work)
    {
        await using var server = await ApiServer.StartAsync(connectionString, work);
        await server.TimeGetAsync(ResultsPath); // the snapshot is loaded as in real use
        // Reset the peak resident size (Linux: clear_refs 5), so the peak read after the export is the export's own.
        await File.WriteAllTextAsync($"/proc/{server.ProcessId}/clear_refs", "5");
        var before = server.Memory("VmRSS");
        var exportSeconds = await server.TimeGetAsync($"/api/questionnaires/{Questionnaire}/export.csv");
        var growth = Math.Max(0, server.Memory("VmHWM") - before);
        var smaller = ExportGrowth.GetValueOrDefault(kind);
        table.Add("export.csv of every response: peak resident growth (and time)", kind, size, $"{growth / 1e6:0.0} MB ({Seconds(exportSeconds)})",
            smaller.Size > 0 ? $"{smaller.Bytes / 1e6:0.0} MB at {smaller.Size:N0}; must not grow with N" : "must not grow with N",
            smaller.Size > 0 ? Times(growth / Math.Max(smaller.Bytes, 1)) : "");
        ExportGrowth[kind] = (size, growth);
    }

    /// <summary>The page, then every chart image it shows, six at a time like a browser.</summary>
    private static async Task<double> TimeDashboardAsync(ApiServer server)
    {
        var clock = Stopwatch.StartNew();
        var html = await server.Client.GetStringAsync($"/admin/q/{Questionnaire}?by=identity");
        var images = ImageSource().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        if (images.Count == 0) throw new InvalidOperationException("the dashboard page shows no chart image");
        await Parallel.ForEachAsync(images, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (image, _) => await server.TimeGetAsync(image));
        return clock.Elapsed.TotalSeconds;
    }

    [GeneratedRegex("<img class=\"chart\" src=\"([^\"]+)\"")] private static partial Regex ImageSource();
    [GeneratedRegex(@"\(([\d.]+) per response\)")] private static partial Regex ManagedPerResponse();
}
