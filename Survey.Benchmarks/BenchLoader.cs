using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Infrastructure;
using Survey.Api.Responses;
using Survey.Testing;

namespace Survey.Benchmarks;

/// <summary>
/// Puts the benchmark's responses into a fresh database quickly, without the import's parsing and validation (the
/// import is measured on its own): migrated like the server, then every response written in one transaction by the
/// writer the API and the import use (<see cref="ResponseRowWriter"/>: binary COPY on PostgreSQL, one prepared
/// INSERT in one transaction on SQLite), so the rows are exactly what the API stores.
/// </summary>
public static class BenchLoader
{
    public const int Chunk = 10_000;

    /// <summary>Loads the responses of <paramref name="data"/> and returns the seconds it took.</summary>
    public static async Task<double> LoadAsync(string connectionString, Questionnaire questionnaire, BenchData data)
    {
        var clock = Stopwatch.StartNew();
        await using var services = new ServiceCollection().AddSurveyDatabase(connectionString).AddSingleton<AnswerLayouts>().BuildServiceProvider();
        await services.MigrateSurveyDatabaseAsync();
        var layout = await services.GetRequiredService<AnswerLayouts>().GetAsync(questionnaire);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.OpenConnectionAsync();
            // SQLite's default page cache (2 MB) is far smaller than the random-id index of a million responses.
            if (db is SqliteSurveyDbContext) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144");
            await using var transaction = await db.Database.BeginTransactionAsync();
            // Drawing the responses (the generator) runs on the other core while the writer stores the previous chunk.
            var chunks = Channel.CreateBounded<NewResponse[]>(2);
            var producer = Task.Run(async () =>
            {
                try
                {
                    foreach (var chunk in data.Responses().Chunk(Chunk)) await chunks.Writer.WriteAsync(chunk);
                    chunks.Writer.Complete();
                }
                catch (Exception exception)
                {
                    chunks.Writer.Complete(exception);
                }
            });
            await foreach (var chunk in chunks.Reader.ReadAllAsync())
                await ResponseRowWriter.WriteAsync(db, layout, chunk, default);
            await producer;
            await transaction.CommitAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        return clock.Elapsed.TotalSeconds;
    }
}
