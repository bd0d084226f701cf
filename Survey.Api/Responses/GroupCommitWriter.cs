using System.Threading.Channels;
using Survey.Api.Codes;
using Survey.Api.Infrastructure;
using Survey.Api.Model;

namespace Survey.Api.Responses;

/// <summary>
/// Group commit: the instance's single writer takes validated submissions from a queue, stores up to
/// <see cref="MaxBatch"/> of them in one transaction (one commit, one fsync, instead of one per response) and only
/// then answers each; a submission arriving while a batch commits waits for the next one, so batches grow with load.
/// Idempotency-Key semantics are those of one-by-one storage: a key stored before answers as that submission did
/// (same body: the first id; other body: refused); a key repeated inside one batch is stored once and the repeats
/// answered the same way; when the batch fails (another instance stored the same key meanwhile: primary-key
/// violation; or any other error) it is retried one submission per transaction, so only the conflicting one is
/// affected and each database error reaches its own request.
/// </summary>
public sealed class GroupCommitWriter(IServiceScopeFactory scopes, AnswerLayouts layouts, ILogger<GroupCommitWriter> logger)
    : BackgroundService
{
    public const int MaxBatch = 256;

    // Bounded, so a burst beyond what the database absorbs waits in the request rather than growing memory.
    private readonly Channel<PendingSubmission> queue = Channel.CreateBounded<PendingSubmission>(
        new BoundedChannelOptions(4 * MaxBatch) { SingleReader = true });

    public async Task<StoreResult> StoreAsync(PendingSubmission submission, CancellationToken cancellationToken)
    {
        await queue.Writer.WriteAsync(submission, cancellationToken);
        // Once queued it is stored even if the client goes away: the caller may stop waiting, the writer does not.
        return await submission.Stored.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingSubmission>(MaxBatch);
        // Not stopped by the token: on shutdown the queue is closed (StopAsync) and what was queued is still written.
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var submission)) batch.Add(submission);
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
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var hashes = batch.Where(s => s.Key is not null).Select(s => s.Key!.KeyHash).Distinct().ToList();
        var earlier = hashes.Count == 0
            ? []
            : await db.IdempotencyRecords.AsNoTracking().Where(r => hashes.Contains(r.KeyHash)).ToDictionaryAsync(r => r.KeyHash);

        var results = new StoreResult[batch.Count];
        var firstInBatch = new Dictionary<string, int>();
        var candidates = new List<int>();
        for (var i = 0; i < batch.Count; i++)
        {
            var submission = batch[i];
            if (submission.Key is { } key)
            {
                if (earlier.TryGetValue(key.KeyHash, out var record))
                {
                    results[i] = key.Repeat(record.RequestHash, record.ResponseId);
                    continue;
                }
                // A repeat within the batch is answered like the first, once we know whether that was stored (its code may be refused).
                if (!firstInBatch.TryAdd(key.KeyHash, i)) continue;
            }
            candidates.Add(i);
            results[i] = new StoreResult(StoreOutcome.Created, submission.Response.Id);
        }

        // Invitation codes: each is marked used by an UPDATE whose affected-row count decides, in this transaction, so
        // a refused code leaves its batch neighbours untouched and a second use (here, or on another instance, which
        // waits for the row lock and then sees it used) is refused. In hash order, so two instances lock codes in the
        // same order and cannot deadlock.
        foreach (var i in candidates.Where(i => batch[i].CodeHash is not null).OrderBy(i => batch[i].CodeHash, StringComparer.Ordinal))
            if (await InvitationCodeClaim.ClaimAsync(db, batch[i].Questionnaire.Id, batch[i].CodeHash!) is { } refused)
                results[i] = new StoreResult(refused, Guid.Empty);

        var toStore = candidates.Where(i => results[i].Outcome == StoreOutcome.Created).Select(i => batch[i]).ToList();
        var records = toStore.Where(s => s.Key is not null)
            .Select(s => new IdempotencyRecord { KeyHash = s.Key!.KeyHash, RequestHash = s.Key.RequestHash, ResponseId = s.Response.Id }).ToList();
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i] is not null || batch[i].Key is not { } key) continue;
            var first = firstInBatch[key.KeyHash];
            results[i] = results[first].Outcome == StoreOutcome.Created ? key.Repeat(batch[first].Key!.RequestHash, batch[first].Response.Id) : results[first];
        }

        foreach (var group in toStore.GroupBy(s => s.Questionnaire.Id))
            await ResponseRowWriter.WriteAsync(db, await layouts.GetAsync(group.First().Questionnaire), group.Select(s => s.Response).ToList(), CancellationToken.None);
        await ResponseRowWriter.WriteKeysAsync(db, records, CancellationToken.None);
        await transaction.CommitAsync();
        logger.LogDebug("Committed a batch of {Count} submissions ({Stored} stored)", batch.Count, toStore.Count);
        return results;
    }
}
