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
//   script/bench [analysis|import|ingest|load|all] [sizes...]      default: all 100000 1000000
var part = args.FirstOrDefault(a => !a.All(char.IsDigit)) ?? "all";
if (part is not ("analysis" or "import" or "ingest" or "load" or "all"))
{
    Console.Error.WriteLine("usage: script/bench [analysis|import|ingest|load|all] [sizes...]");
    return 2;
}
var sizes = args.Where(a => a.All(char.IsDigit)).Select(int.Parse).DefaultIfEmpty(100_000).ToList();
if (!args.Any(a => a.All(char.IsDigit))) sizes = [100_000, 1_000_000];
var admin = Environment.GetEnvironmentVariable("SURVEY_BENCH_POSTGRES") ?? throw new InvalidOperationException("run through script/bench");
var pgbench = Environment.GetEnvironmentVariable("SURVEY_BENCH_PGBENCH") ?? "pgbench";
var work = Environment.GetEnvironmentVariable("SURVEY_BENCH_WORK") ?? Directory.CreateTempSubdirectory("survey-bench-").FullName;

var questionnaire = QuestionnaireCatalog.LoadFolder(ApiServer.QuestionnairesFolder, NullLogger.Instance).Find("grassroots-service")!;
var table = new ResultTable();
const int ImportSizeInAll = 100_000;
const int ImportRuns = 3;
Console.WriteLine($"Survey benchmark: {part}, sizes {string.Join(", ", sizes)}, {Environment.ProcessorCount} cores; seed questionnaire {questionnaire.Id}; load average {LoadAverage()} at {DateTime.UtcNow:HH:mm} UTC");

if (part is "ingest" or "all")
{
    Console.WriteLine("ingest: wrk against the server, pgbench against the same PostgreSQL");
    await IngestBench.RunAsync(table, questionnaire, admin, pgbench, work);
}

if (part is "load")
{
    // Only the bench's own loading: how long the data takes to get in, at each size, on both databases; the databases
    // stay (for profiling by hand while the cluster runs; script/bench deletes the cluster and the folder at the end).
    foreach (var size in sizes)
    foreach (var postgres in new[] { true, false })
    {
        var data = BenchData.For(questionnaire, size);
        var connectionString = postgres ? await Databases.CreatePostgresAsync(admin, $"bench_{size}") : Databases.CreateSqlite(work, $"bench-{size}");
        var loaded = await BenchLoader.LoadAsync(connectionString, questionnaire, data);
        Console.WriteLine($"{(postgres ? "PostgreSQL" : "SQLite")}: {size:N0} responses drawn and written in {loaded:0.0} s; load average {LoadAverage()}");
        Console.WriteLine($"  left in place: {connectionString}");
    }
}

if (part is "analysis" or "import" or "all")
{
    var emptyMemory = new Dictionary<string, long>();
    var exports = new List<(string Kind, int Size, string ConnectionString)>(); // kept until the end: exports run last
    foreach (var size in sizes)
    {
        var data = BenchData.For(questionnaire, size);
        // script/import is measured on its own database: at every size with "import", up to 100,000 with "all".
        var measureImport = part is "import" || (part is "all" && size <= ImportSizeInAll);
        var jsonLines = measureImport ? data.WriteJsonLines(work) : null;
        foreach (var postgres in new[] { true, false })
        {
            var kind = postgres ? "PostgreSQL" : "SQLite";
            if (jsonLines is not null)
            {
                Console.WriteLine($"{kind}: script/import of {size:N0} responses into a new database and into one set up before, then its floor (ImportFloor); {ImportRuns} runs each");
                var oneLine = ImportFloor.OneLine(jsonLines);
                async Task<string> FreshAsync(string name) =>
                    postgres ? await Databases.CreatePostgresAsync(admin, $"bench_{name}_{size}") : Databases.CreateSqlite(work, $"bench-{name.Replace('_', '-')}-{size}");
                // Every time is the median of ImportRuns runs, each on a database of its own: identical runs of one
                // process on this machine differ by up to a tenth, more than the differences the table is read for.
                List<double> importedRuns = [], importedSetUpRuns = [], startSetUpRuns = [], startRuns = [];
                string importInto = "", floorInto = "";
                for (var run = 0; run < ImportRuns; run++)
                {
                    importInto = await FreshAsync("import");
                    importedRuns.Add(await TimeImportAsync(importInto, jsonLines, size));
                    // A survey's database as the server leaves it at its first start (schema and layout in place): here
                    // a one-line import sets it up, and a second one times the start without the schema for the floor.
                    var setUp = await FreshAsync("import_set_up");
                    await TimeImportAsync(setUp, oneLine, 1);
                    startSetUpRuns.Add(await TimeImportAsync(setUp, oneLine, 1));
                    importedSetUpRuns.Add(await TimeImportAsync(setUp, jsonLines, size));
                    floorInto = await FreshAsync("import_floor");
                    startRuns.Add(await TimeImportAsync(floorInto, oneLine, 1));
                }
                File.Delete(oneLine);
                var (imported, importedSetUp) = (SqlFloor.Median(importedRuns), SqlFloor.Median(importedSetUpRuns));
                var (start, startSetUp) = (SqlFloor.Median(startRuns), SqlFloor.Median(startSetUpRuns));
                Console.WriteLine($"  runs: new database {string.Join(", ", importedRuns.Select(Seconds))}; set up {string.Join(", ", importedSetUpRuns.Select(Seconds))}");
                var straight = await ImportFloor.CopyStraightAsync(postgres, importInto, floorInto);
                table.Add($"script/import into a new database (whole process: start, create the schema, parse, validate, write, commit; median of {ImportRuns})", kind, size,
                    $"{Number(size / imported)} responses/s",
                    $"target ≥ 50,000/s; floor {Number(size / (start + straight))}/s = start, schema and layout (a one-line import) {Seconds(start)} " +
                    $"+ the same rows copied straight in SQL {Seconds(straight)}: the import takes {Times(imported / (start + straight))} its floor",
                    Times(size / imported / 50_000));
                table.Add($"script/import into a database already set up (schema and layout in place, as after the server's first start; median of {ImportRuns})", kind, size,
                    $"{Number(size / importedSetUp)} responses/s",
                    $"target ≥ 50,000/s; floor {Number(size / (startSetUp + straight))}/s = start (a one-line import into such a database) {Seconds(startSetUp)} " +
                    $"+ the same rows copied straight in SQL {Seconds(straight)}: the import takes {Times(importedSetUp / (startSetUp + straight))} its floor",
                    Times(size / importedSetUp / 50_000));
                if (postgres) await Databases.DropPostgresAsync(admin, $"bench_import_floor_{size}");
                if (postgres) await Databases.DropPostgresAsync(admin, $"bench_import_set_up_{size}");
                if (postgres) await Databases.DropPostgresAsync(admin, $"bench_import_{size}");
                SqliteConnection.ClearAllPools();
            }
            if (part is "import") continue;

            var connectionString = postgres ? await Databases.CreatePostgresAsync(admin, $"bench_{size}") : Databases.CreateSqlite(work, $"bench-{size}");
            var loaded = await BenchLoader.LoadAsync(connectionString, questionnaire, data);
            var floorLoad = Stopwatch.StartNew();
            await using (DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString))
            {
                await connection.OpenAsync();
                await SqlFloor.LoadAsync(connection, data);
            }
            Console.WriteLine($"{kind}, {size:N0} responses loaded in {loaded:0.0} s (bench loader), SQL floor table in {floorLoad.Elapsed.TotalSeconds:0.0} s; load average {LoadAverage()}");

            emptyMemory.TryAdd(kind, await EmptyServerMemoryAsync(postgres, admin, work));
            await AnalysisBench.RunAsync(table, questionnaire, data, kind, size, connectionString, emptyMemory[kind], work);
            exports.Add((kind, size, connectionString));
            SqliteConnection.ClearAllPools();
        }
        if (jsonLines is not null) File.Delete(jsonLines);
    }
    foreach (var (kind, size, connectionString) in exports.OrderBy(e => e.Kind != "PostgreSQL").ThenBy(e => e.Size))
        await AnalysisBench.ExportAsync(table, kind, size, connectionString, work);
}

table.PrintMarkdown();
Console.WriteLine($"load average at the end: {LoadAverage()}");
Console.WriteLine("Noisy shared machine (2 cores, other engineers' builds and tests running): compare ratios within this run.");
return 0;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

static async Task<double> TimeImportAsync(string connectionString, string file, int expected)
{
    // PostgreSQL starts each timed import from a CHECKPOINT (as the ingest windows do), so that no run pays for
    // writing out the pages the one before it left dirty (an import of 100,000 leaves over 100 MB).
    // (Not pooled: the next run drops and creates its database again, which ends the connections to the old one.)
    if (Survey.Api.Infrastructure.SurveyDatabase.DetectProvider(connectionString) == Survey.Api.Infrastructure.DatabaseProvider.Postgres)
        await Databases.ExecutePostgresAsync(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString, "CHECKPOINT");
    var clock = Stopwatch.StartNew();
    // script/import itself (its runtime settings included), on the build script/bench made (SURVEY_API_DLL).
    var output = await IngestBench.RunAsync(Path.Combine(ApiServer.RepositoryRoot, "script", "import"), ["grassroots-service", file,
        $"--ConnectionStrings:Survey={connectionString}", $"--Survey:QuestionnairesDirectory={ApiServer.QuestionnairesFolder}"],
        new Dictionary<string, string> { ["SURVEY_API_DLL"] = ApiServer.ApiDll });
    var seconds = clock.Elapsed.TotalSeconds;
    if (!output.Contains($"imported {expected} responses into grassroots-service")) throw new InvalidOperationException("import failed: " + output);
    return seconds;
}

static async Task<long> EmptyServerMemoryAsync(bool postgres, string admin, string work)
{
    var connectionString = postgres ? await Databases.CreatePostgresAsync(admin, "bench_empty") : Databases.CreateSqlite(work, "bench-empty");
    return await AnalysisBench.ResidentAfterResultsAsync(connectionString, work);
}
