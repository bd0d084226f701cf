using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Survey.Benchmarks;
using Survey.Core.Questionnaires;
using static Survey.Benchmarks.ResultTable;

// The targets of issue 9, each beside a floor or target measured in the same run on the same machine (the machine
// is shared and noisy: compare the ratios, not the absolute numbers). Run by script/bench, which provides a
// throwaway PostgreSQL cluster (fsync on) in SURVEY_BENCH_POSTGRES and pgbench in SURVEY_BENCH_PGBENCH.
//   script/bench [analysis|import|ingest|all] [sizes...]      default: all 100000 1000000
var part = args.FirstOrDefault(a => !a.All(char.IsDigit)) ?? "all";
if (part is not ("analysis" or "import" or "ingest" or "all"))
{
    Console.Error.WriteLine("usage: script/bench [analysis|import|ingest|all] [sizes...]");
    return 2;
}
var sizes = args.Where(a => a.All(char.IsDigit)).Select(int.Parse).DefaultIfEmpty(100_000).ToList();
if (!args.Any(a => a.All(char.IsDigit))) sizes = [100_000, 1_000_000];
var admin = Environment.GetEnvironmentVariable("SURVEY_BENCH_POSTGRES") ?? throw new InvalidOperationException("run through script/bench");
var pgbench = Environment.GetEnvironmentVariable("SURVEY_BENCH_PGBENCH") ?? "pgbench";
var work = Environment.GetEnvironmentVariable("SURVEY_BENCH_WORK") ?? Directory.CreateTempSubdirectory("survey-bench-").FullName;

var questionnaire = QuestionnaireCatalog.LoadFolder(ApiServer.QuestionnairesFolder, NullLogger.Instance).Find("grassroots-service")!;
var table = new ResultTable();
Console.WriteLine($"Survey benchmark: {part}, sizes {string.Join(", ", sizes)}, {Environment.ProcessorCount} cores; seed questionnaire {questionnaire.Id}");

if (part is "ingest" or "all")
{
    Console.WriteLine("ingest: wrk against the server, pgbench against the same PostgreSQL");
    await IngestBench.RunAsync(table, questionnaire, admin, pgbench, work);
}

if (part is "analysis" or "import" or "all")
{
    var emptyMemory = new Dictionary<string, long>();
    var exports = new List<(string Kind, int Size, string ConnectionString)>(); // kept until the end: exports run last
    foreach (var size in sizes)
    {
        Console.WriteLine($"generating {size:N0} responses");
        var data = BenchData.Generate(questionnaire, size, work);
        foreach (var postgres in new[] { true, false })
        {
            var kind = postgres ? "PostgreSQL" : "SQLite";
            var connectionString = postgres ? await Databases.CreatePostgresAsync(admin, $"bench_{size}") : Databases.CreateSqlite(work, $"bench-{size}");
            Console.WriteLine($"{kind}, {size:N0} responses");

            var imported = await TimeImportAsync(connectionString, data.JsonLinesFile, size);
            var floorLoad = Stopwatch.StartNew();
            await using (DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString))
            {
                await connection.OpenAsync();
                await SqlFloor.LoadAsync(connection, data);
            }
            if (part is "import" or "all")
                table.Add("script/import (whole process: start, migrate, parse, validate, write, commit)", kind, size,
                    $"{Number(size / imported)} responses/s",
                    $"target ≥ 50,000/s (bulk load of the SQL floor table, same rows as integers: {Number(size / floorLoad.Elapsed.TotalSeconds)}/s)",
                    Times(size / imported / 50_000));
            if (part is "import") continue;

            emptyMemory.TryAdd(kind, await EmptyServerMemoryAsync(postgres, admin, work));
            await AnalysisBench.RunAsync(table, questionnaire, data, kind, size, connectionString, emptyMemory[kind], work);
            exports.Add((kind, size, connectionString));
            SqliteConnection.ClearAllPools();
        }
        File.Delete(data.JsonLinesFile);
    }
    foreach (var (kind, size, connectionString) in exports.OrderBy(e => e.Kind != "PostgreSQL").ThenBy(e => e.Size))
        await AnalysisBench.ExportAsync(table, kind, size, connectionString, work);
}

table.PrintMarkdown();
Console.WriteLine("Noisy shared machine (2 cores, other engineers' builds and tests running): compare ratios within this run.");
return 0;

static async Task<double> TimeImportAsync(string connectionString, string file, int size)
{
    var clock = Stopwatch.StartNew();
    var output = await IngestBench.RunAsync("dotnet", [ApiServer.ApiDll, "import", "grassroots-service", file,
        $"--ConnectionStrings:Survey={connectionString}", $"--Survey:QuestionnairesDirectory={ApiServer.QuestionnairesFolder}"]);
    var seconds = clock.Elapsed.TotalSeconds;
    if (!output.Contains($"imported {size} responses into grassroots-service")) throw new InvalidOperationException("import failed: " + output);
    return seconds;
}

static async Task<long> EmptyServerMemoryAsync(bool postgres, string admin, string work)
{
    var connectionString = postgres ? await Databases.CreatePostgresAsync(admin, "bench_empty") : Databases.CreateSqlite(work, "bench-empty");
    await using var server = await ApiServer.StartAsync(connectionString, work);
    await server.TimeGetAsync(AnalysisBench.ResultsPath);
    await server.TimeGetAsync(AnalysisBench.ResultsPath);
    return server.Memory("VmRSS");
}
