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
/// A snapshot that catches up with concurrent writers never misses a row and never takes one twice: while eight
/// writers commit one response per transaction, a reader refreshes over and over; every refresh holds each number at
/// most once, and at the end exactly the numbers stored. On PostgreSQL, where numbers may commit out of order, a
/// transaction holding a lower number that commits after a refresh has read a higher one is still read.
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
            var held = Held(columns);
            Assert.Equal(held.Count, held.Distinct().Count());
            refreshes++;
            if (done) break;
        }
        await Task.WhenAll(writing);
        var final = await snapshots.ColumnsAsync(questionnaire, default);
        Assert.Equal(before + writers * each, final.Count);
        Assert.Equal(await StoredNumbersAsync(), Held(final).Order().ToList());
        Assert.True(refreshes > 2, "the reader should have refreshed while the writers wrote");
    }

    /// <summary>The numbers a snapshot holds, in its row order.</summary>
    protected static List<long> Held(ResponseColumns columns) => Enumerable.Range(0, columns.Count).Select(row => columns.Seq(row)).ToList();

    /// <summary>The numbers of the questionnaire's stored responses, in increasing order.</summary>
    protected async Task<List<long>> StoredNumbersAsync() =>
        await app.QueryAsync(db => db.Responses.Where(r => r.QuestionnaireId == Id && r.Seq != null).OrderBy(r => r.Seq).Select(r => r.Seq!.Value).ToListAsync());

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
            // One read: one batch, in number order.
            var held = Held(columns);
            Assert.True(held.Zip(held.Skip(1)).All(p => p.First < p.Second), "a start-up read holds each number once, in order");
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

public sealed class ResponseWriterPostgresTests(PostgresApp app) : ResponseWriterTests(app), IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_lower_number_committed_after_a_refresh_read_a_higher_one_is_still_read()
    {
        // PostgreSQL numbers rows from a sequence without a lock, so a transaction can hold a lower number than one
        // that commits before it. A reader that caught up by "numbers above the highest held" would skip it forever.
        var questionnaire = app.Services.GetRequiredService<QuestionnaireCatalog>().Find("grassroots-service")!;
        var layout = await app.Services.GetRequiredService<AnswerLayouts>().GetAsync(questionnaire);
        var snapshots = app.Services.GetRequiredService<ResponseSnapshots>();
        await snapshots.ColumnsAsync(questionnaire, default);
        SurveyResponse New() => new()
        {
            Id = Guid.NewGuid(), QuestionnaireId = "grassroots-service", QuestionnaireVersion = 1, SubmittedAt = DateTime.UtcNow,
            Patterns = layout.Encode(new Dictionary<string, IReadOnlyList<string>> { ["identity"] = ["cadre"] }),
        };

        await using var slowScope = app.Services.CreateAsyncScope();
        var slowDb = slowScope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        await using var slow = await slowDb.Database.BeginTransactionAsync();
        var early = New();
        await Survey.Api.Responses.ResponseRowWriter.WriteRowsAsync(slowDb, "grassroots-service", [early], default);

        var late = New();
        await using (var scope = app.Services.CreateAsyncScope())
            await ResponseWriter.WriteAsync(scope.ServiceProvider.GetRequiredService<SurveyDbContext>(), "grassroots-service", [late], [], default);
        Assert.True(early.Seq < late.Seq, $"the first writer took the lower number ({early.Seq} < {late.Seq})");

        var seen = Held(await snapshots.ColumnsAsync(questionnaire, default));
        Assert.Contains(late.Seq!.Value, seen);
        Assert.DoesNotContain(early.Seq!.Value, seen);

        await slow.CommitAsync();
        var after = Held(await snapshots.ColumnsAsync(questionnaire, default));
        Assert.Contains(early.Seq!.Value, after);
        Assert.Equal(after.Count, after.Distinct().Count());
        Assert.Equal(await StoredNumbersAsync(), after.Order().ToList());
    }
}
