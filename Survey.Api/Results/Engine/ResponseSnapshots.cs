using System.Collections.Concurrent;
using System.Data.Common;
using Survey.Api.Infrastructure;
using Survey.Core.Patterns;

namespace Survey.Api.Results.Engine;

/// <summary>
/// The in-process columnar snapshot of each questionnaire's responses, brought up to date before every analysis by
/// reading only the rows stored since it last read (<see cref="ReadNewRowsAsync"/>; plain ADO.NET readers, no change
/// tracking). Exact with any number of instances on one database, with no shared cache: after each refresh it holds
/// exactly the rows of one database snapshot taken during the request. Pass results are memoised by (questionnaire,
/// request, rows held): rows are only ever added, so a new response changes the count and a memo is never stale.
/// </summary>
public sealed class ResponseSnapshots(IServiceScopeFactory scopes, AnswerLayouts layouts, ILogger<ResponseSnapshots> logger)
{
    private const int MaxMemoEntries = 256;
    private readonly ConcurrentDictionary<string, Snapshot> snapshots = new();

    private long passes;

    /// <summary>Passes run since start-up (not recalled from the memo): how tests see that a page and its charts share one.</summary>
    public long PassesRun => Interlocked.Read(ref passes);

    /// <summary>
    /// Refreshes the questionnaire's snapshot from the database and runs (or recalls) the pass. Requests for the same
    /// key at the same time share one pass: the page and the chart images a browser asks for at once count once.
    /// </summary>
    public async Task<PatternCounts> CountAsync(Questionnaire questionnaire, PassRequest request, string memoKey, CancellationToken cancellationToken)
    {
        var snapshot = await RefreshAsync(questionnaire, cancellationToken);
        var columns = snapshot.Columns;
        var exclusion = snapshot.SetAsides.Current;
        var key = $"{columns.Count}|{exclusion.Version}|{memoKey}";
        if (snapshot.Memo.Count >= MaxMemoEntries) snapshot.Memo.Clear();
        var pass = snapshot.Memo.GetOrAdd(key, _ => new Lazy<PatternCounts>(() =>
        {
            Interlocked.Increment(ref passes);
            return PatternPass.Run(columns, request, exclusion.Rows);
        }));
        try
        {
            return pass.Value;
        }
        catch
        {
            snapshot.Memo.TryRemove(new KeyValuePair<string, Lazy<PatternCounts>>(key, pass));
            throw;
        }
    }

    /// <summary>Memoised counts for this key at the snapshot's current number, if any (a chart reuses its page's pass).</summary>
    public async Task<PatternCounts?> RecallAsync(Questionnaire questionnaire, string memoKey, CancellationToken cancellationToken)
    {
        var snapshot = await RefreshAsync(questionnaire, cancellationToken);
        return snapshot.Memo.GetValueOrDefault($"{snapshot.Columns.Count}|{snapshot.SetAsides.Current.Version}|{memoKey}")?.Value;
    }

    /// <summary>Memoised counts at the snapshot's current number whose key starts with <paramref name="memoKeyPrefix"/>, if any.</summary>
    public async Task<PatternCounts?> RecallAnyAsync(Questionnaire questionnaire, string memoKeyPrefix, CancellationToken cancellationToken)
    {
        var snapshot = await RefreshAsync(questionnaire, cancellationToken);
        var prefix = $"{snapshot.Columns.Count}|{snapshot.SetAsides.Current.Version}|{memoKeyPrefix}";
        foreach (var (key, pass) in snapshot.Memo)
            if (key.StartsWith(prefix, StringComparison.Ordinal)) return pass.Value;
        return null;
    }

    /// <summary>
    /// The start-up load of every questionnaire's snapshot (<see cref="StartLoading"/>); complete when nothing was started.
    /// Never faults: a questionnaire that could not be loaded is read by its first request instead.
    /// </summary>
    public Task Loading { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Begins reading every questionnaire's stored responses in the background, as soon as the database is ready, so
    /// the reading overlaps the rest of start-up instead of waiting for the first request. A request that comes
    /// during the load waits for it (the snapshot's lock) and then reads only what arrived since.
    /// </summary>
    public void StartLoading(IReadOnlyList<Questionnaire> questionnaires, CancellationToken stopping)
    {
        Loading = Task.Run(async () =>
        {
            foreach (var questionnaire in questionnaires)
            {
                try
                {
                    await RefreshAsync(questionnaire, stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception)
                {
                    logger.LogWarning(exception, "The responses of {Questionnaire} were not loaded at start-up; its first request reads them", questionnaire.Id);
                }
            }
        }, CancellationToken.None);
    }

    public async Task<ResponseColumns> ColumnsAsync(Questionnaire questionnaire, CancellationToken cancellationToken) =>
        (await RefreshAsync(questionnaire, cancellationToken)).Columns;

    private async Task<Snapshot> RefreshAsync(Questionnaire questionnaire, CancellationToken cancellationToken)
    {
        var layout = await layouts.GetAsync(questionnaire, cancellationToken);
        var snapshot = snapshots.GetOrAdd(questionnaire.Id, _ => new Snapshot(new ResponseColumns(layout)));
        await snapshot.Lock.WaitAsync(cancellationToken);
        try
        {
            var rowsBefore = snapshot.Columns.Count;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            try
            {
                // Opened through EF, so its connection resilience and interceptors apply to the snapshot's reads too.
                await db.Database.OpenConnectionAsync(cancellationToken);
                if (snapshot.Columns.Count == 0 && snapshot.Columns.Horizon is null)
                {
                    // The first read (start-up) is the large one: the texts come on a second connection at the same time
                    // (on PostgreSQL the server reads them while this process decodes the rows; on SQLite they are read
                    // on the other core, see SqliteSnapshotReader).
                    await using var textScope = scopes.CreateAsyncScope();
                    var textDb = textScope.ServiceProvider.GetRequiredService<SurveyDbContext>();
                    await textDb.Database.OpenConnectionAsync(cancellationToken);
                    await ReadAllRowsAsync(db.Database.GetDbConnection(), textDb.Database.GetDbConnection(), questionnaire.Id, snapshot.Columns, cancellationToken);
                }
                else
                    await ReadNewRowsAsync(db.Database.GetDbConnection(), questionnaire.Id, snapshot.Columns, cancellationToken);
                // After the rows: a set-aside names only responses already stored, so the rows it names are there.
                if (await snapshot.SetAsides.RefreshAsync(db.Database.GetDbConnection(), questionnaire.Id, snapshot.Columns, cancellationToken))
                    snapshot.Memo.Clear();
            }
            catch
            {
                snapshot.Columns.Discard();
                throw;
            }
            if (snapshot.Columns.Count != rowsBefore) snapshot.Memo.Clear();
            if (snapshot.Columns.Count - rowsBefore >= LoggedFrom)
            {
                // A start-up (or a large import): what the snapshot holds and costs (script/bench reads this line).
                logger.LogInformation("Snapshot of {Questionnaire}: {Rows} responses read in {Seconds:0.00} s, about {Bytes} bytes ({PerResponse:0.0} per response)",
                    questionnaire.Id, snapshot.Columns.Count, clock.Elapsed.TotalSeconds, snapshot.Columns.ApproximateBytes,
                    snapshot.Columns.ApproximateBytes / (double)Math.Max(1, snapshot.Columns.Count));
                // Reading that many rows left garbage (driver buffers, texts seen twice) and a heap grown to hold it: a
                // compacting collection that returns the free memory to the system keeps the resident size near what
                // the snapshot itself takes. Rare (start-up, large imports), and well under the time the reading took.
                System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        }
        finally
        {
            snapshot.Lock.Release();
        }
        return snapshot;
    }

    /// <summary>A refresh that reads this many rows (a start-up, a large import) logs the snapshot's size.</summary>
    public const int LoggedFrom = 20_000;

    /// <summary>
    /// Appends the rows stored since the last refresh, then their texts, then publishes them together. On SQLite, whose
    /// writers are serialised and number their rows from a counter in the same transaction, those are the rows numbered
    /// above the highest one held. On PostgreSQL writers commit concurrently and a transaction that took its numbers
    /// first may commit last, so numbers say nothing about what is new; instead each row records the transaction that
    /// stored it (<c>"TxId"</c>), and the rows new since the last refresh are exactly those whose transaction is visible in
    /// the database snapshot read now and was not in the one read last time (<see cref="ResponseColumns.Horizon"/>),
    /// the technique of PgQ's batches (<c>pg_current_snapshot</c>, <c>pg_visible_in_snapshot</c>; PostgreSQL 13+).
    /// </summary>
    public static async Task ReadNewRowsAsync(DbConnection connection, string questionnaireId, ResponseColumns columns, CancellationToken cancellationToken)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(cancellationToken);
        if (connection is Npgsql.NpgsqlConnection)
        {
            if (columns.Horizon is not { } since)
            {
                await ReadAllRowsAsync(connection, null, questionnaireId, columns, cancellationToken);
                return;
            }
            // Repeatable read: the snapshot taken by its first statement is the one both reads see.
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            var horizon = await CurrentSnapshotAsync(connection, cancellationToken);
            var range = new RowRange("""
                r."TxId" >= pg_snapshot_xmin(CAST(@since AS pg_snapshot)) AND NOT pg_visible_in_snapshot(r."TxId", CAST(@since AS pg_snapshot))
                """, ("since", since));
            // Most refreshes find nothing new (every request refreshes): then there are no texts to read either.
            if (await AppendRowsAsync(connection, questionnaireId, columns, range, cancellationToken) > 0)
                AttachTexts(columns, await ReadTextsAsync(connection, questionnaireId, columns, range, cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            columns.Publish(horizon);
            return;
        }
        var after = columns.HighestSeq;
        var upTo = await AppendRowsAsync(connection, questionnaireId, columns, RowRange.Numbered(after, long.MaxValue), cancellationToken);
        if (upTo == 0) return;
        AttachTexts(columns, await ReadTextsAsync(connection, questionnaireId, columns, RowRange.Numbered(after, upTo), cancellationToken));
        columns.Publish();
    }

    /// <summary>
    /// The same for a large read (an empty snapshot: start-up), with the texts read at the same time as the rows when a
    /// second connection is given. On PostgreSQL both connections read in one database snapshot (exported by the
    /// first, <c>pg_export_snapshot</c>), which becomes the snapshot's <see cref="ResponseColumns.Horizon"/>. On SQLite the
    /// highest number stored now is read first, then the rows up to it and their texts: exact, since SQLite's writers
    /// are serialised, so every number up to that highest one was committed before it was seen.
    /// </summary>
    public static async Task ReadAllRowsAsync(DbConnection rowsConnection, DbConnection? textsConnection, string questionnaireId, ResponseColumns columns,
        CancellationToken cancellationToken)
    {
        if (rowsConnection is Npgsql.NpgsqlConnection)
        {
            await ReadAllRowsPostgresAsync(rowsConnection, textsConnection, questionnaireId, columns, cancellationToken);
            return;
        }
        var after = columns.HighestSeq;
        long upTo;
        await using (var command = Command(rowsConnection, """
            SELECT MAX("Seq") FROM responses WHERE "QuestionnaireId" = @questionnaire
            """, questionnaireId, []))
            upTo = await command.ExecuteScalarAsync(cancellationToken) is long highest ? highest : 0;
        if (upTo <= after) return;
        DbConnection[] connections = textsConnection is null ? [rowsConnection] : [rowsConnection, textsConnection];
        // The file read through a memory map for the duration of this read (about half the time of reading it through
        // SQLite's page cache); unmapping afterwards keeps those pages out of the resident size.
        await PragmaAsync(connections, $"PRAGMA mmap_size={1L << 40}", cancellationToken);
        try
        {
            if (await ReadAllSqliteRowsAsync((Microsoft.Data.Sqlite.SqliteConnection)rowsConnection, textsConnection as Microsoft.Data.Sqlite.SqliteConnection,
                    questionnaireId, columns, after, upTo, cancellationToken))
                return;
            // SQLite's general read (rows it does not expect, see SqliteSnapshotReader): the texts after the rows, on one connection.
            var range = RowRange.Numbered(after, upTo);
            await AppendRowsAsync(rowsConnection, questionnaireId, columns, range, cancellationToken);
            AttachTexts(columns, await ReadTextsAsync(rowsConnection, questionnaireId, columns, range, cancellationToken));
            columns.Publish();
        }
        finally
        {
            await PragmaAsync(connections, "PRAGMA mmap_size=0", CancellationToken.None);
        }
    }

    /// <summary>
    /// PostgreSQL's start-up read: every numbered row and (on the second connection when given, at the same time: the
    /// server reads them while this process decodes the rows) every text, both in the first connection's snapshot.
    /// </summary>
    private static async Task ReadAllRowsPostgresAsync(DbConnection rowsConnection, DbConnection? textsConnection, string questionnaireId,
        ResponseColumns columns, CancellationToken cancellationToken)
    {
        if (columns.Count > 0) throw new InvalidOperationException("The start-up read fills an empty snapshot.");
        await using var rowsTransaction = await rowsConnection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        string horizon, exported;
        await using (var command = rowsConnection.CreateCommand())
        {
            command.CommandText = "SELECT CAST(pg_current_snapshot() AS text), pg_export_snapshot()";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (horizon, exported) = (reader.GetString(0), reader.GetString(1));
        }
        DbTransaction? textsTransaction = null;
        Task<List<(long Seq, ResponseColumns.TextColumn Column, int Number)>>? texts = null;
        try
        {
            if (textsConnection is not null)
            {
                textsTransaction = await textsConnection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
                // pg_export_snapshot's id is a fixed-format token made by the server (hex digits and dashes), never user input.
                await using (var set = textsConnection.CreateCommand())
                {
                    set.CommandText = $"SET TRANSACTION SNAPSHOT '{exported}'";
                    await set.ExecuteNonQueryAsync(cancellationToken);
                }
                texts = Task.Run(() => ReadTextsAsync(textsConnection, questionnaireId, columns, RowRange.All, cancellationToken), cancellationToken);
            }
            await AppendRowsAsync(rowsConnection, questionnaireId, columns, RowRange.All, cancellationToken);
            texts ??= ReadTextsAsync(rowsConnection, questionnaireId, columns, RowRange.All, cancellationToken);
            AttachTexts(columns, await texts);
        }
        finally
        {
            // The texts' read must be over (if the rows' read failed) before its connection is used again or returned.
            if (texts is not null) await texts.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            if (textsTransaction is not null) await textsTransaction.DisposeAsync();
        }
        await rowsTransaction.CommitAsync(cancellationToken);
        columns.Publish(horizon);
    }

    private static async Task<string> CurrentSnapshotAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(pg_current_snapshot() AS text)";
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Which responses a read takes: a condition on <c>responses r</c> (numbered rows only) and its parameters.</summary>
    private sealed record RowRange(string Condition, params (string Name, object Value)[] Parameters)
    {
        public static readonly RowRange All = new("TRUE");

        public static RowRange Numbered(long after, long upTo) =>
            new("""r."Seq" > @after AND r."Seq" <= @upTo""", ("after", after), ("upTo", upTo));
    }

    /// <summary>
    /// <see cref="ReadAllRowsAsync"/> on SQLite through <see cref="SqliteSnapshotReader"/> (false, with nothing appended, for
    /// rows it does not expect: the general read then runs).
    /// </summary>
    private static async Task<bool> ReadAllSqliteRowsAsync(Microsoft.Data.Sqlite.SqliteConnection rowsConnection,
        Microsoft.Data.Sqlite.SqliteConnection? textsConnection, string questionnaireId, ResponseColumns columns, long after, long upTo,
        CancellationToken cancellationToken)
    {
        var texts = await SqliteSnapshotReader.ReadAllAsync(rowsConnection, textsConnection, questionnaireId, columns, after, upTo, cancellationToken);
        if (texts is null) return false;
        AttachTexts(columns, texts);
        texts = null;
        // The read's tens of megabytes of temporary lists must be collectable by the collection that follows a large
        // read (RefreshAsync): that continuation would otherwise run on the stack that completed the texts' read,
        // which still holds them. Measured: 51 MB more resident at 1M without this.
        await Task.Yield();
        columns.Publish();
        return true;
    }

    /// <summary>Attaches texts read by <see cref="ReadTextsAsync"/> to their rows, once the rows are appended (not yet published).</summary>
    private static void AttachTexts(ResponseColumns columns, List<(long Seq, ResponseColumns.TextColumn Column, int Number)> texts)
    {
        foreach (var (seq, column, number) in texts)
            if (columns.PendingRowOf(seq) is var row and >= 0) column.Add(row, number);
    }

    /// <summary>Appends the rows in <paramref name="range"/>, in number order; returns the highest number appended (0 when none).</summary>
    private static async Task<long> AppendRowsAsync(DbConnection connection, string questionnaireId, ResponseColumns columns, RowRange range,
        CancellationToken cancellationToken)
    {
        var masks = new ulong[Math.Max(columns.Layout.SlotCount, 1)];
        var pattern = new byte[64];
        var last = 0L;
        // SQLite keeps times as text: the minute is computed by the database (whole seconds since 1970, then minutes
        // since the snapshot's epoch, truncated like ResponseColumns.MinuteOf), not parsed here once per row.
        var sqlite = connection is Microsoft.Data.Sqlite.SqliteConnection;
        var submitted = sqlite ? $"""(CAST(strftime('%s', r."SubmittedAt") AS INTEGER) - {EpochSeconds}) / 60""" : "r.\"SubmittedAt\"";
        await using var command = Command(connection, $"""
            SELECT r."Seq", {submitted}, r."Patterns", r."Mode" FROM responses r
            WHERE r."QuestionnaireId" = @questionnaire AND r."Seq" IS NOT NULL AND {range.Condition} ORDER BY r."Seq"
            """, questionnaireId, range.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            last = reader.GetInt64(0);
            var minute = sqlite ? (int)reader.GetInt64(1) : ResponseColumns.MinuteOf(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc));
            if (reader.IsDBNull(2)) PatternCodec.Decode([], masks);
            else if (sqlite) PatternCodec.Decode(reader.GetFieldValue<byte[]>(2), masks); // SQLite's GetBytes opens the blob by row id: far slower
            else
            {
                // Into one reused buffer: a million rows would otherwise be a million short-lived arrays.
                var length = (int)reader.GetBytes(2, 0, null, 0, 0);
                if (length > pattern.Length) pattern = new byte[length * 2];
                reader.GetBytes(2, 0, pattern, 0, length);
                PatternCodec.Decode(pattern.AsSpan(0, length), masks);
            }
            columns.Append(last, minute, (Survey.Api.Model.ResponseMode)reader.GetInt16(3), masks);
        }
        return last;
    }

    /// <summary>
    /// The texts of the responses in <paramref name="range"/>, each interned and paired with its column, keyed by the
    /// response's number (the rows may not be appended yet). Keys the questionnaire does not have are left out.
    /// </summary>
    private static async Task<List<(long Seq, ResponseColumns.TextColumn Column, int Number)>> ReadTextsAsync(
        DbConnection connection, string questionnaireId, ResponseColumns columns, RowRange range, CancellationToken cancellationToken)
    {
        var texts = new List<(long, ResponseColumns.TextColumn, int)>();
        // Every text (the start-up read, PostgreSQL) by the number stored with it: no join with every response, which was
        // most of PostgreSQL's work in a start-up read (README "Measured"). A text stored without it (by a version before
        // ResponseText.Seq, say during a rolling upgrade) looks its response's number up. That look-up, costed as if it
        // ran for every text, makes the plain scan look expensive enough for PostgreSQL to compile it (JIT: 1.5 s of
        // its CPU, measured at 1M), so JIT is off for this transaction.
        var all = ReferenceEquals(range, RowRange.All);
        if (all)
        {
            await using var noJit = connection.CreateCommand();
            noJit.CommandText = "SET LOCAL jit = off";
            await noJit.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = Command(connection, all
            ? """
              SELECT "Seq", "QuestionId", "OptionId", "Text" FROM (
                  SELECT COALESCE(t."Seq", (SELECT r."Seq" FROM responses r WHERE r."Id" = t."ResponseId")) AS "Seq", t."QuestionId", t."OptionId", t."Text"
                  FROM response_texts t WHERE t."QuestionnaireId" = @questionnaire) numbered
              WHERE "Seq" IS NOT NULL
              """
            : $"""
              SELECT r."Seq", t."QuestionId", t."OptionId", t."Text" FROM response_texts t JOIN responses r ON r."Id" = t."ResponseId"
              WHERE r."QuestionnaireId" = @questionnaire AND r."Seq" IS NOT NULL AND {range.Condition}
              """, questionnaireId, range.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            if (columns.TextColumnOf(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)) is { } column)
                texts.Add((reader.GetInt64(0), column, columns.Intern(reader.GetString(3))));
        return texts;
    }

    private static async Task PragmaAsync(DbConnection[] connections, string pragma, CancellationToken cancellationToken)
    {
        foreach (var connection in connections.Distinct())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Seconds from 1970 to <see cref="ResponseColumns.Epoch"/>.</summary>
    private static readonly long EpochSeconds = (long)(ResponseColumns.Epoch - DateTime.UnixEpoch).TotalSeconds;

    private static DbCommand Command(DbConnection connection, string sql, string questionnaireId, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter("questionnaire", questionnaireId);
        foreach (var (name, value) in parameters) command.AddParameter(name, value);
        return command;
    }

    private sealed class Snapshot(ResponseColumns columns)
    {
        public ResponseColumns Columns { get; } = columns;
        public SemaphoreSlim Lock { get; } = new(1, 1);
        public ConcurrentDictionary<string, Lazy<PatternCounts>> Memo { get; } = new();
        public SetAsideRows SetAsides { get; } = new();
    }
}
