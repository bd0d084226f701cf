using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Infrastructure;
using Survey.Api.Model;
using Survey.Api.Responses;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Responses;

/// <summary>
/// The group-commit writer's batches keep Idempotency-Key semantics exactly (<see cref="GroupCommitWriterSqliteTests"/>,
/// <see cref="GroupCommitWriterPostgresTests"/>). One-by-one semantics over HTTP are in ResponsesApiTests.
/// </summary>
public abstract class GroupCommitWriterTests(SurveyAppFactory app)
{
    private readonly Questionnaire questionnaire = StartedCatalog(app).Find("grassroots-service")!;

    private static QuestionnaireCatalog StartedCatalog(SurveyAppFactory app)
    {
        app.CreateClient().Dispose(); // starts the app, which migrates the database
        return app.Services.GetRequiredService<QuestionnaireCatalog>();
    }

    private GroupCommitWriter Writer => app.Services.GetRequiredService<GroupCommitWriter>();

    private PendingSubmission Pending(string identity, string? key)
    {
        var submission = new ResponseSubmission(
            new Dictionary<string, IReadOnlyList<string>> { ["identity"] = [identity] }, new Dictionary<string, string>(), new Dictionary<string, string>());
        return new PendingSubmission(questionnaire, NewResponse.Create(submission, DateTime.UtcNow),
            key is null ? null : IdempotencyKey.For(questionnaire.Id, key, submission));
    }

    private Task<(int Responses, int Keys)> CountAsync(Guid[] ids) => app.QueryAsync(async db =>
        (await db.Responses.CountAsync(r => ids.Contains(r.Id)), await db.IdempotencyRecords.CountAsync(r => ids.Contains(r.ResponseId))));

    [Fact]
    public async Task A_key_repeated_inside_one_batch_is_stored_once_and_the_repeats_answered_as_one_by_one()
    {
        var key = Guid.NewGuid().ToString();
        var first = Pending("resident", key);
        var retry = Pending("resident", key);
        var otherBody = Pending("cadre", key);
        var unkeyed = Pending("member", null);

        await Writer.WriteAsync([first, retry, otherBody, unkeyed]);

        Assert.Equal(new StoreResult(StoreOutcome.Created, first.Response.Id), await first.Stored);
        Assert.Equal(new StoreResult(StoreOutcome.Replayed, first.Response.Id), await retry.Stored);
        Assert.Equal(new StoreResult(StoreOutcome.KeyReusedWithDifferentBody, first.Response.Id), await otherBody.Stored);
        Assert.Equal(new StoreResult(StoreOutcome.Created, unkeyed.Response.Id), await unkeyed.Stored);
        Assert.Equal((1, 1), await CountAsync([first.Response.Id, retry.Response.Id, otherBody.Response.Id]));
        Assert.Equal((1, 0), await CountAsync([unkeyed.Response.Id]));
    }

    [Fact]
    public async Task A_key_seen_in_an_earlier_batch_answers_as_its_first_submission()
    {
        var key = Guid.NewGuid().ToString();
        var first = Pending("resident", key);
        await Writer.WriteAsync([first]);
        var retry = Pending("resident", key);
        var otherBody = Pending("cadre", key);

        await Writer.WriteAsync([retry, otherBody]);

        Assert.Equal(new StoreResult(StoreOutcome.Replayed, first.Response.Id), await retry.Stored);
        Assert.Equal(new StoreResult(StoreOutcome.KeyReusedWithDifferentBody, first.Response.Id), await otherBody.Stored);
        Assert.Equal((1, 1), await CountAsync([first.Response.Id, retry.Response.Id, otherBody.Response.Id]));
    }

    /// <summary>
    /// Another instance stores the same key while this batch is being written (its transaction commits after this
    /// batch's check): the batch fails on the key's primary key, is retried one by one, and only the conflicting
    /// submission is answered as a repeat; the others are stored.
    /// </summary>
    [Fact]
    public async Task A_key_stored_by_another_instance_meanwhile_falls_back_to_one_by_one()
    {
        var key = Guid.NewGuid().ToString();
        var mine = Pending("resident", key);
        var unkeyed = Pending("member", null);
        var theirs = Pending("resident", key);

        await using var scope = app.Services.CreateAsyncScope();
        var other = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        await using var transaction = await other.Database.BeginTransactionAsync();
        await ResponseRowWriter.WriteAsync(other, await app.Services.GetRequiredService<AnswerLayouts>().GetAsync(questionnaire), [theirs.Response], CancellationToken.None);
        await ResponseRowWriter.WriteKeysAsync(other,
            [new IdempotencyRecord { KeyHash = theirs.Key!.KeyHash, RequestHash = theirs.Key.RequestHash, ResponseId = theirs.Response.Id }], CancellationToken.None);

        var writing = Task.Run(() => Writer.WriteAsync([mine, unkeyed])); // SQLite runs "async" calls synchronously
        await WaitUntilBlockedAsync();
        await transaction.CommitAsync();
        await writing;

        Assert.Equal(new StoreResult(StoreOutcome.Replayed, theirs.Response.Id), await mine.Stored);
        Assert.Equal(new StoreResult(StoreOutcome.Created, unkeyed.Response.Id), await unkeyed.Stored);
        Assert.Equal((0, 0), await CountAsync([mine.Response.Id]));
        Assert.Equal((1, 0), await CountAsync([unkeyed.Response.Id]));
    }

    /// <summary>Returns once the writer waits on the other transaction's lock.</summary>
    protected abstract Task WaitUntilBlockedAsync();

    protected Task<int> LockWaitsAsync() => app.QueryAsync(db =>
        db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE wait_event_type = 'Lock'").SingleAsync());
}

public sealed class GroupCommitWriterSqliteTests(SqliteApp app) : GroupCommitWriterTests(app), IClassFixture<SqliteApp>
{
    // SQLite's BEGIN IMMEDIATE makes the batch wait for the other writer before its key check; give it time to start.
    protected override Task WaitUntilBlockedAsync() => Task.Delay(300);
}

public sealed class GroupCommitWriterPostgresTests(PostgresApp app) : GroupCommitWriterTests(app), IClassFixture<PostgresApp>
{
    protected override async Task WaitUntilBlockedAsync()
    {
        for (var attempt = 0; attempt < 200 && await LockWaitsAsync() == 0; attempt++) await Task.Delay(50);
        Assert.True(await LockWaitsAsync() > 0, "the batch never waited on the other transaction's key");
    }
}
