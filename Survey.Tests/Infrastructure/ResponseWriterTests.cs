using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Infrastructure;
using Survey.Api.Model;
using Survey.Api.Results.Engine;
using Survey.Core.Patterns;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Infrastructure;

/// <summary>
/// Sequence numbers become visible in order even with concurrent writers, so a snapshot that catches up by reading
/// "above the last number held" never misses a row: while eight writers commit one response per transaction, a
/// reader refreshes over and over, and every time it holds exactly the numbers 1..n, with no gap.
/// </summary>
public abstract class ResponseWriterTests(SurveyAppFactory app)
{
    private const string Id = "grassroots-service";

    private static SurveyResponse Response(AnswerLayout layout, Dictionary<string, IReadOnlyList<string>> answers) => new()
    {
        Id = Guid.NewGuid(), QuestionnaireId = Id, QuestionnaireVersion = 1, SubmittedAt = DateTime.UtcNow, Patterns = layout.Encode(answers),
    };

    /// <summary>One response in a transaction of its own, through the writer the API uses.</summary>
    private async Task StoreAsync(SurveyResponse response)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await ResponseWriter.WriteAsync(scope.ServiceProvider.GetRequiredService<SurveyDbContext>(), Id, [response], [], default);
    }

    [Fact]
    public async Task Concurrent_writers_never_let_a_refreshing_snapshot_skip_a_row()
    {
        var questionnaire = app.Services.GetRequiredService<QuestionnaireCatalog>().Find(Id)!;
        var layout = await app.Services.GetRequiredService<AnswerLayouts>().GetAsync(questionnaire);
        var snapshots = app.Services.GetRequiredService<ResponseSnapshots>();
        var before = (await snapshots.ColumnsAsync(questionnaire, default)).Count;
        const int writers = 8, each = 40;

        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                await StoreAsync(Response(layout, new Dictionary<string, IReadOnlyList<string>> { ["identity"] = [w % 2 == 0 ? "cadre" : "member"] }));
            }
        })).ToList();

        var refreshes = 0;
        while (true)
        {
            var done = writing.All(t => t.IsCompleted);
            var columns = await snapshots.ColumnsAsync(questionnaire, default);
            var count = columns.Count;
            for (var row = 0; row < count; row++) Assert.Equal(row + 1, columns.Seq(row));
            refreshes++;
            if (done) break;
        }
        await Task.WhenAll(writing);
        Assert.Equal(before + writers * each, (await snapshots.ColumnsAsync(questionnaire, default)).Count);
        Assert.True(refreshes > 2, "the reader should have refreshed while the writers wrote");
    }

    [Fact]
    public async Task A_start_up_read_during_concurrent_writes_gets_every_row_with_its_texts()
    {
        // The start-up read (ResponseSnapshots.ReadAllRowsAsync: rows and texts on two connections at once): each response these
        // writers store chooses "other" in satisfying-ways and writes its text in the same transaction, so every row
        // read with that choice must arrive with exactly its own text, and no text without its row.
        var questionnaire = app.Services.GetRequiredService<QuestionnaireCatalog>().Find(Id)!;
        var layout = await app.Services.GetRequiredService<AnswerLayouts>().GetAsync(questionnaire);
        var ways = layout.Questions.ToList().FindIndex(q => q.Question.Id == "satisfying-ways");
        const int writers = 4, each = 30;
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                var response = Response(layout, new Dictionary<string, IReadOnlyList<string>> { ["identity"] = ["resident"], ["satisfying-ways"] = ["other"] });
                response.Texts.Add(new ResponseText { QuestionnaireId = Id, QuestionId = "satisfying-ways", OptionId = "other", Text = $"写者{w}第{i}份" });
                await StoreAsync(response);
            }
        })).ToList();

        var reads = 0;
        while (true)
        {
            var done = writing.All(t => t.IsCompleted);
            var columns = new Survey.Api.Results.Engine.ResponseColumns(layout);
            await using (var rowsScope = app.Services.CreateAsyncScope())
            await using (var textsScope = app.Services.CreateAsyncScope())
            {
                var rowsDb = rowsScope.ServiceProvider.GetRequiredService<SurveyDbContext>();
                var textsDb = textsScope.ServiceProvider.GetRequiredService<SurveyDbContext>();
                await rowsDb.Database.OpenConnectionAsync();
                await textsDb.Database.OpenConnectionAsync();
                // As the server reads: the texts on a second connection at the same time as the rows.
                await Survey.Api.Results.Engine.ResponseSnapshots.ReadAllRowsAsync(rowsDb.Database.GetDbConnection(),
                    textsDb.Database.GetDbConnection(), Id, columns, default);
            }
            var withOther = Enumerable.Range(0, columns.Count).Where(row => columns.Masks[ways].Get(row) != 0).ToList();
            var (rows, numbers, count) = columns.Texts("satisfying-ways", "other").Read();
            Assert.Equal(withOther, rows.Take(count).Order().ToList());
            Assert.Equal(count, numbers.Take(count).Select(columns.Text).Distinct().Count());
            for (var row = 0; row < columns.Count; row++) Assert.Equal(row + 1, columns.Seq(row));
            reads++;
            if (done)
            {
                Assert.Equal(writers * each, count);
                break;
            }
        }
        await Task.WhenAll(writing);
        Assert.True(reads > 1, "the reader should have read while the writers wrote");
    }
}

public sealed class ResponseWriterSqliteTests(SqliteApp app) : ResponseWriterTests(app), IClassFixture<SqliteApp>;

public sealed class ResponseWriterPostgresTests(PostgresApp app) : ResponseWriterTests(app), IClassFixture<PostgresApp>;
