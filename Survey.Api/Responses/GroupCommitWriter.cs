using System.Threading.Channels;
using Survey.Api.Codes;
using Survey.Api.Infrastructure;
using Survey.Api.Model;

namespace Survey.Api.Responses;

/// <summary>
/// Group commit: the instance's writers take validated submissions from a queue, each storing up to
/// <see cref="MaxBatch"/> of them in one transaction (one commit, one fsync, instead of one per response) and only
/// then answering each; a submission arriving while the writers commit waits for the next batch, so batches grow with
/// load. There is no waiting for a batch to fill: a writer takes whatever is queued as soon as its previous commit ends.
/// On PostgreSQL a batch is one statement, one round trip (<see cref="ResponseRowWriter.StoreNewAsync"/>), and
/// <see cref="PostgresWriters"/> writers run at once: rows are numbered without a lock (<see cref="ResponseWriter"/>), so
/// one batch is stored while another waits for its commit's WAL flush, and PostgreSQL flushes concurrent commits
/// together. SQLite, which serialises writers anyway, has one.
/// Idempotency-Key semantics are those of one-by-one storage: a key stored before (by an earlier batch, or by another
/// instance meanwhile) is left out by the writer and answered as that submission was (same body: the first id; other
/// body: refused); a key repeated inside one batch is stored once and the repeats answered the same way; when the
/// batch fails (any database error) it is retried one submission per transaction, so each error reaches its own request.
/// </summary>
public sealed class GroupCommitWriter(IServiceScopeFactory scopes, AnswerLayouts layouts, ILogger<GroupCommitWriter> logger,
    [FromKeyedServices(GroupCommitWriter.DataSourceKey)] Npgsql.NpgsqlDataSource? postgres = null)
    : BackgroundService
{
    public const string DataSourceKey = "group-commit";

    /// <summary>
    /// The writers' own pool on PostgreSQL (one connection per writer), not reset when a connection goes back to it.
    /// Npgsql resets a pooled connection that holds prepared statements with a seven-command query
    /// (<c>SET SESSION AUTHORIZATION DEFAULT;RESET ALL;CLOSE ALL;UNLISTEN *;SELECT pg_advisory_unlock_all();DISCARD SEQUENCES;DISCARD TEMP</c>)
    /// sent before the next statement: that was one per batch, parsed and run by PostgreSQL each time (a batch is only
    /// ~2 submissions at 8 connections), and 0.05 ms of PostgreSQL's and 0.05 ms of the server's CPU per stored
    /// submission. Nothing here leaves session state to reset: these connections only ever run the prepared batch
    /// statement, which commits by itself (no SET, LISTEN, advisory lock or temporary table); EF, whose sessions may
    /// hold such state, keeps the shared, resetting pool.
    /// </summary>
    public static Npgsql.NpgsqlDataSource DataSource(string connectionString) =>
        Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true });

    public const int MaxBatch = 256;

    /// <summary>
    /// Batches stored at once on PostgreSQL (each on its own connection). Two, not four: on two cores, with wrk at 8
    /// connections, two writers made larger batches and used less CPU per stored submission on both sides (server
    /// 0.33-0.35 against 0.36-0.40 ms, PostgreSQL 0.29-0.31 against 0.36 ms; A/B alternated three times, load 9-15),
    /// while one batch still waits for its commit's WAL flush as the other is stored.
    /// </summary>
    public const int PostgresWriters = 2;

    // Bounded, so a burst beyond what the database absorbs waits in the request rather than growing memory.
    private readonly Channel<PendingSubmission> queue = Channel.CreateBounded<PendingSubmission>(
        new BoundedChannelOptions(4 * MaxBatch) { SingleReader = false });

    public async Task<StoreResult> StoreAsync(PendingSubmission submission, CancellationToken cancellationToken)
    {
        await queue.Writer.WriteAsync(submission, cancellationToken);
        // Once queued it is stored even if the client goes away: the caller may stop waiting, the writer does not.
        return await submission.Stored.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(Enumerable.Range(0, postgres is not null ? PostgresWriters : 1).Select(_ => Task.Run(WriteQueuedAsync, CancellationToken.None)));
    }

    /// <summary>One writer: batch after batch of whatever is queued, until the queue is closed and empty.</summary>
    private async Task WriteQueuedAsync()
    {
        var batch = new List<PendingSubmission>(MaxBatch);
        // Not stopped by the token: on shutdown the queue is closed (StopAsync) and what was queued is still written.
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var submission)) batch.Add(submission);
            if (batch.Count == 0) continue; // another writer took what woke this one
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    /// <summary>Stores one batch and answers every submission in it, with its result or its own error.</summary>
    public async Task WriteAsync(IReadOnlyList<PendingSubmission> batch)
    {
        try
        {
            Answer(batch, await StoreTogetherAsync(batch));
            return;
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            logger.LogInformation(exception, "A batch of {Count} submissions failed; storing them one by one", batch.Count);
        }
        catch (Exception exception)
        {
            batch[0].Fail(exception);
            return;
        }
        foreach (var submission in batch)
        {
            try
            {
                Answer([submission], await StoreAloneAsync(submission));
            }
            catch (Exception exception)
            {
                submission.Fail(exception);
            }
        }
    }

    /// <summary>Each request resumes here, on this thread (<see cref="PendingSubmission"/>), one after the other.</summary>
    private static void Answer(IReadOnlyList<PendingSubmission> batch, StoreResult[] results)
    {
        for (var i = 0; i < batch.Count; i++) batch[i].Complete(results[i]);
    }

    private async Task<StoreResult[]> StoreAloneAsync(PendingSubmission submission)
    {
        try
        {
            return await StoreTogetherAsync([submission]);
        }
        catch (Exception) when (submission.Key is { } key)
        {
            // Another instance stored the same key between our check and our insert: answer as it did.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            var record = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.KeyHash == key.KeyHash);
            if (record is null) throw;
            return [key.Repeat(record.RequestHash, record.ResponseId)];
        }
    }

    private async Task<StoreResult[]> StoreTogetherAsync(IReadOnlyList<PendingSubmission> batch)
    {
        // A DbContext only when needed: creating one and reaching its services was a third of the server's CPU per
        // batch under load (perf, 8 connections), and the common batch (PostgreSQL, one questionnaire, no invitation
        // codes) is one statement on a connection from the shared data source that commits by itself: one round trip.
        AsyncServiceScope? scope = null;
        try
        {
            return await StoreTogetherAsync(batch, () => (scope ??= scopes.CreateAsyncScope()).ServiceProvider.GetRequiredService<SurveyDbContext>());
        }
        finally
        {
            if (scope is { } created) await created.DisposeAsync();
        }
    }

    private async Task<StoreResult[]> StoreTogetherAsync(IReadOnlyList<PendingSubmission> batch, Func<SurveyDbContext> context)
    {
        var withCodes = batch.Any(s => s.CodeHash is not null);
        var questionnaires = batch.Select(s => s.Questionnaire.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        // Codes (claimed first) and several questionnaires take a transaction, and so does every batch on SQLite.
        var ownTransaction = postgres is null || withCodes || questionnaires.Count > 1;
        var db = ownTransaction ? context() : null;
        if (db is not null) await db.Database.OpenConnectionAsync();
        await using var transaction = db is not null ? await db.Database.BeginTransactionAsync() : null;

        var results = new StoreResult?[batch.Count];
        var firstInBatch = new Dictionary<string, int>();
        var candidates = new List<int>();
        for (var i = 0; i < batch.Count; i++)
        {
            // A repeat within the batch is answered like the first, once we know whether that was stored (its code may be refused).
            if (batch[i].Key is { } key && !firstInBatch.TryAdd(key.KeyHash, i)) continue;
            candidates.Add(i);
        }

        var holders = new Dictionary<string, IdempotencyRecord>(); // keys stored before this batch, as found
        if (withCodes)
        {
            // A retry of a submission stored before answers as it did, before its (now used) code is looked at.
            await FindKeysAsync(db!, candidates.Select(i => batch[i]), holders);
            foreach (var i in candidates)
                if (batch[i].Key is { } key && holders.TryGetValue(key.KeyHash, out var record))
                    results[i] = key.Repeat(record.RequestHash, record.ResponseId);
            // Invitation codes: each is marked used by an UPDATE whose affected-row count decides, in this transaction, so
            // a refused code leaves its batch neighbours untouched and a second use (here, or on another instance, which
            // waits for the row lock and then sees it used) is refused. In hash order, so two instances lock codes in the
            // same order and cannot deadlock.
            foreach (var i in candidates.Where(i => results[i] is null && batch[i].CodeHash is not null).OrderBy(i => batch[i].CodeHash, StringComparer.Ordinal))
                if (await InvitationCodeClaim.ClaimAsync(db!, batch[i].Questionnaire.Id, batch[i].CodeHash!) is { } refused)
                    results[i] = new StoreResult(refused, Guid.Empty);
        }

        // Questionnaires in the same order on every instance, as the codes (SQLite: their counter rows).
        var stored = new HashSet<Guid>();
        foreach (var questionnaire in questionnaires)
        {
            var group = candidates.Where(i => results[i] is null && batch[i].Questionnaire.Id == questionnaire).Select(i => batch[i]).ToList();
            if (group.Count == 0) continue;
            var layout = await layouts.GetAsync(group[0].Questionnaire);
            var rows = group.Select(s => s.Response.ToEntity(layout)).ToList();
            var keys = group.Select(s => s.Key is { } key ? new IdempotencyRecord { KeyHash = key.KeyHash, RequestHash = key.RequestHash, ResponseId = s.Response.Id } : null).ToList();
            if (db is not null)
                stored.UnionWith(await ResponseRowWriter.StoreNewAsync(db, questionnaire, rows, keys, CancellationToken.None));
            else
            {
                await using var connection = await postgres!.OpenConnectionAsync();
                stored.UnionWith(await ResponseRowWriter.StoreNewAsync(connection, questionnaire, rows, keys, CancellationToken.None));
            }
        }
        if (transaction is not null) await transaction.CommitAsync();

        // Left out by the writer: its key was stored before (an earlier batch, or another instance meanwhile); answer as that was.
        var leftOut = candidates.Where(i => results[i] is null && !stored.Contains(batch[i].Response.Id)).ToList();
        if (leftOut.Count > 0) await FindKeysAsync(db ?? context(), leftOut.Select(i => batch[i]), holders);
        foreach (var i in candidates.Where(i => results[i] is null))
        {
            if (stored.Contains(batch[i].Response.Id)) results[i] = new StoreResult(StoreOutcome.Created, batch[i].Response.Id);
            else if (batch[i].Key is { } key && holders.TryGetValue(key.KeyHash, out var record)) results[i] = key.Repeat(record.RequestHash, record.ResponseId);
            else throw new InvalidOperationException("A submission was neither stored nor a repeat of a stored key.");
        }
        // Repeats inside the batch answer as one-by-one storage would after the first: against whichever submission holds the key.
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i] is not null) continue;
            var key = batch[i].Key!;
            var first = firstInBatch[key.KeyHash];
            results[i] = results[first]!.Outcome switch
            {
                StoreOutcome.Created => key.Repeat(batch[first].Key!.RequestHash, batch[first].Response.Id),
                StoreOutcome.Replayed or StoreOutcome.KeyReusedWithDifferentBody => key.Repeat(holders[key.KeyHash].RequestHash, holders[key.KeyHash].ResponseId),
                _ => results[first],
            };
        }
        logger.LogDebug("Committed a batch of {Count} submissions ({Stored} stored)", batch.Count, stored.Count);
        return results.Select(r => r!).ToArray();
    }

    /// <summary>Adds to <paramref name="found"/> the stored idempotency records of the submissions' keys.</summary>
    private static async Task FindKeysAsync(SurveyDbContext db, IEnumerable<PendingSubmission> submissions, Dictionary<string, IdempotencyRecord> found)
    {
        var hashes = submissions.Where(s => s.Key is not null).Select(s => s.Key!.KeyHash).Distinct().ToList();
        if (hashes.Count == 0) return;
        foreach (var record in await db.IdempotencyRecords.AsNoTracking().Where(r => hashes.Contains(r.KeyHash)).ToListAsync()) found[record.KeyHash] = record;
    }
}

