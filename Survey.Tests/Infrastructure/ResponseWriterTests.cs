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
/// transaction holding a lower number that commits after a refresh has read a higher one is still read. Every text is
/// stored with its response's number, which the start-up read finds it by.
/// </summary>
public abstract class ResponseWriterTests(SurveyAppFactory app)
{
    private const string Id = "grassroots-service";

    private static SurveyResponse Response(AnswerLayout layout, Dictionary<string, IReadOnlyList<string>> answers) => new()
    {
        Id = Guid.NewGuid(), QuestionnaireId = Id, QuestionnaireVersion = 1, SubmittedAt = DateTime.UtcNow, Patterns = layout.Encode(answers),
    };

    /// <summary>One response in a transaction of its own, through the writer the API uses.</summary>
    protected async Task StoreAsync(SurveyResponse response)
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
        var layout = await LayoutAsync();
        var ways = layout.Questions.ToList().FindIndex(q => q.Question.Id == "satisfying-ways");
        const int writers = 4, each = 30;
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++) await StoreAsync(WithOtherText(layout, $"写者{w}第{i}份"));
        })).ToList();

        var reads = 0;
        while (true)
        {
            var done = writing.All(t => t.IsCompleted);
            var columns = await ReadAtStartUpAsync(layout);
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
                // Every text these writers wrote (other tests of this class write texts in satisfying-ways too).
                Assert.Equal(writers * each, numbers.Take(count).Count(number => columns.Text(number).StartsWith("写者", StringComparison.Ordinal)));
                break;
            }
        }
        await Task.WhenAll(writing);
        Assert.True(reads > 1, "the reader should have read while the writers wrote");
    }

    /// <summary>A start-up read into new columns, as the server reads: the texts on a second connection at the same time as the rows.</summary>
    protected async Task<ResponseColumns> ReadAtStartUpAsync(AnswerLayout layout)
    {
        var columns = new ResponseColumns(layout);
        await using var rowsScope = app.Services.CreateAsyncScope();
        await using var textsScope = app.Services.CreateAsyncScope();
        var rowsDb = rowsScope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var textsDb = textsScope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        await rowsDb.Database.OpenConnectionAsync();
        await textsDb.Database.OpenConnectionAsync();
        await ResponseSnapshots.ReadAllRowsAsync(rowsDb.Database.GetDbConnection(), textsDb.Database.GetDbConnection(), Id, columns, default);
        return columns;
    }

    /// <summary>A response that chose "other" in satisfying-ways and wrote <paramref name="text"/> for it.</summary>
    protected static SurveyResponse WithOtherText(AnswerLayout layout, string text)
    {
        var response = Response(layout, new Dictionary<string, IReadOnlyList<string>> { ["identity"] = ["resident"], ["satisfying-ways"] = ["other"] });
        response.Texts.Add(new ResponseText { QuestionnaireId = Id, QuestionId = "satisfying-ways", OptionId = "other", Text = text });
        return response;
    }

    protected async Task<AnswerLayout> LayoutAsync() =>
        await app.Services.GetRequiredService<AnswerLayouts>().GetAsync(app.Services.GetRequiredService<QuestionnaireCatalog>().Find(Id)!);

    [Fact]
    public async Task Every_text_is_stored_with_its_responses_number()
    {
        // One submission (on PostgreSQL the one-statement path) and an import-sized batch (on PostgreSQL binary COPY):
        // each text carries the number its response was given (the start-up read finds texts by it, ResponseSnapshots),
        // and the writer reports those numbers, in list order.
        var layout = await LayoutAsync();
        var single = WithOtherText(layout, "单独提交的一份");
        await StoreAsync(single);
        var batch = Enumerable.Range(0, Survey.Api.Responses.ResponseRowWriter.CopyFrom).Select(i => WithOtherText(layout, $"导入的第{i}份")).ToList();
        await using (var scope = app.Services.CreateAsyncScope())
            await ResponseWriter.WriteAsync(scope.ServiceProvider.GetRequiredService<SurveyDbContext>(), Id, batch, [], default);

        List<SurveyResponse> written = [single, .. batch];
        var ids = written.Select(r => r.Id).ToList();
        var stored = await app.QueryAsync(db => (
            from t in db.Texts
            join r in db.Responses on t.ResponseId equals r.Id
            where ids.Contains(r.Id)
            select new { r.Id, ResponseSeq = r.Seq, TextSeq = t.Seq }).ToListAsync());
        Assert.Equal(written.Count, stored.Count);
        Assert.All(stored, row =>
        {
            Assert.NotNull(row.ResponseSeq);
            Assert.Equal(row.ResponseSeq, row.TextSeq);
        });
        Assert.Equal(stored.ToDictionary(row => row.Id, row => row.ResponseSeq), written.ToDictionary(r => r.Id, r => r.Seq));
        Assert.True(batch.Zip(batch.Skip(1)).All(pair => pair.First.Seq < pair.Second.Seq), "a batch is numbered in list order");
    }

    [Fact]
    public async Task The_keys_of_an_import_sized_batch_are_stored_with_their_responses()
    {
        // On PostgreSQL this many keys go in by binary COPY (PostgresBinaryCopy), fewer by one INSERT: each key is read back with its hashes.
        var layout = await LayoutAsync();
        var batch = Enumerable.Range(0, Survey.Api.Responses.ResponseRowWriter.CopyFrom).Select(i => WithOtherText(layout, $"带键的第{i}份")).ToList();
        var keys = batch.Select((r, i) => new IdempotencyRecord { KeyHash = $"key-{r.Id:N}", RequestHash = $"request-{i}", ResponseId = r.Id }).ToList();
        await using (var scope = app.Services.CreateAsyncScope())
            await ResponseWriter.WriteAsync(scope.ServiceProvider.GetRequiredService<SurveyDbContext>(), Id, batch, keys, default);

        var hashes = keys.Select(k => k.KeyHash).ToList();
        var stored = await app.QueryAsync(db => db.IdempotencyRecords.Where(k => hashes.Contains(k.KeyHash))
            .Select(k => new { k.KeyHash, k.RequestHash, k.ResponseId }).ToListAsync());
        Assert.Equal(keys.Select(k => (k.KeyHash, k.RequestHash, k.ResponseId)).OrderBy(k => k.KeyHash),
            stored.Select(k => (k.KeyHash, k.RequestHash, k.ResponseId)).OrderBy(k => k.KeyHash));
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

    [Fact]
    public async Task A_text_stored_without_its_number_is_still_read_at_start_up()
    {
        // As an instance of a version before ResponseText.Seq stores it (during a rolling upgrade): the start-up read,
        // which finds texts by the number stored with them, looks this one's number up from its response.
        var layout = await LayoutAsync();
        var response = WithOtherText(layout, "升级前的实例写的");
        await StoreAsync(response);
        Assert.Equal(1, await app.QueryAsync(db => db.Texts.Where(t => t.ResponseId == response.Id).ExecuteUpdateAsync(set => set.SetProperty(t => t.Seq, (long?)null))));

        var columns = await ReadAtStartUpAsync(layout);
        var row = Held(columns).IndexOf(response.Seq!.Value);
        Assert.True(row >= 0, "the response is read");
        var (rows, numbers, count) = columns.Texts("satisfying-ways", "other").Read();
        var text = rows.Take(count).ToList().IndexOf(row);
        Assert.True(text >= 0, "its text is read");
        Assert.Equal("升级前的实例写的", columns.Text(numbers[text]));
    }
}
