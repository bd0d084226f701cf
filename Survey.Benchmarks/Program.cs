using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Survey.Analysis.Tallies;
using Survey.Api;
using Survey.Api.Infrastructure;
using Survey.Core.Questionnaires;
using Survey.Api.Results;
using Survey.Testing;

// Aggregation cost against the number of responses: the full results with a cross-tab by identity (every SQL
// aggregate and statistic) at a baseline size and at 10× that, in the same run on the same machine. Reported as
// ratios: time should grow with the rows the database scans, allocated memory should not grow at all, because
// only aggregates leave the database.
//   dotnet run -c Release --project Survey.Benchmarks -- [baseline=10000] [connection string; default a temp SQLite file]
var baseline = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var connection = args.Length > 1 ? args[1] : null;
var questionnaire = QuestionnaireCatalog.LoadFolder(new SurveyOptions().ResolveQuestionnairesDirectory(AppContext.BaseDirectory), NullLogger<QuestionnaireCatalog>.Instance)
    .Find("grassroots-service")!;

var rows = new List<(int Responses, double Milliseconds, double AllocatedMegabytes)>();
foreach (var size in new[] { baseline, baseline * 10 })
{
    var folder = Directory.CreateTempSubdirectory("survey-bench-").FullName;
    var services = new ServiceCollection()
        .AddSurveyDatabase(connection ?? $"Data Source={Path.Combine(folder, "bench.db")}")
        .AddSingleton(Options.Create(new SurveyOptions()))
        .AddScoped<ResultsService>()
        .BuildServiceProvider();
    await services.MigrateSurveyDatabaseAsync();
    await using (var scope = services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM response_texts; DELETE FROM response_answers; DELETE FROM responses;");
    }
    await GeneratedResponseEntities.BulkLoadAsync(services, questionnaire, SyntheticResponses.Generate(questionnaire, size, seed: 42));

    var identity = questionnaire.FindQuestion("identity");
    var samples = new List<(double Ms, long Bytes)>();
    for (var run = 0; run < 6; run++)
    {
        await using var scope = services.CreateAsyncScope();
        var results = scope.ServiceProvider.GetRequiredService<ResultsService>();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var analysis = await results.AnalyseAsync(questionnaire, ResponseFilter.None, TallyBase.Answered, identity, CancellationToken.None);
        clock.Stop();
        if (analysis.Counts.Responses != size) throw new InvalidOperationException($"expected {size} responses, counted {analysis.Counts.Responses}");
        if (run > 0) samples.Add((clock.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore)); // run 0 warms up
    }
    rows.Add((size, samples.Select(s => s.Ms).Order().ElementAt(samples.Count / 2), samples.Select(s => s.Bytes).Order().ElementAt(samples.Count / 2) / 1e6));
    await services.DisposeAsync();
    Directory.Delete(folder, recursive: true);
}

Console.WriteLine($"database: {(connection is null ? "SQLite (temporary file)" : "PostgreSQL")}; full results with cross-tabs by identity; median of 5 runs after a warm-up");
Console.WriteLine($"{"responses",10} {"time ms",10} {"allocated MB",14}");
foreach (var row in rows) Console.WriteLine($"{row.Responses,10} {row.Milliseconds,10:0.0} {row.AllocatedMegabytes,14:0.00}");
Console.WriteLine($"ratio {rows[1].Responses / rows[0].Responses}× responses: time {rows[1].Milliseconds / rows[0].Milliseconds:0.00}×, allocated memory {rows[1].AllocatedMegabytes / rows[0].AllocatedMegabytes:0.00}×");
