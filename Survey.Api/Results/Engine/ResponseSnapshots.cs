using System.Collections.Concurrent;
using System.Data.Common;
using Survey.Api.Infrastructure;
using Survey.Core.Patterns;

namespace Survey.Api.Results.Engine;

/// <summary>
/// The in-process columnar snapshot of each questionnaire's responses, brought up to date before every analysis by
/// reading only the rows numbered above the last one it holds (plain ADO.NET readers, no change tracking). Exact with
/// any number of instances on one database, with no shared cache: numbers become visible in commit order
/// (<see cref="ResponseWriter"/>), so "above the last seen" never skips a row. Pass results are memoised by
/// (questionnaire, request, last number): a new response changes the number, so a memo is never stale.
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
        var key = $"{columns.LastSeq}|{exclusion.Version}|{memoKey}";
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
        return snapshot.Memo.GetValueOrDefault($"{snapshot.Columns.LastSeq}|{snapshot.SetAsides.Current.Version}|{memoKey}")?.Value;
    }

    /// <summary>Memoised counts at the snapshot's current number whose key starts with <paramref name="memoKeyPrefix"/>, if any.</summary>
    public async Task<PatternCounts?> RecallAnyAsync(Questionnaire questionnaire, string memoKeyPrefix, CancellationToken cancellationToken)
    {
        var snapshot = await RefreshAsync(questionnaire, cancellationToken);
        var prefix = $"{snapshot.Columns.LastSeq}|{snapshot.SetAsides.Current.Version}|{memoKeyPrefix}";
        foreach (var (key, pass) in snapshot.Memo)
            if (key.StartsWith(prefix, StringComparison.Ordinal)) return pass.Value;
        return null;
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
            var before = snapshot.Columns.LastSeq;
            var rowsBefore = snapshot.Columns.Count;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            try
            {
                // Opened through EF, so its connection resilience and interceptors apply to the snapshot's reads too.
                await db.Database.OpenConnectionAsync(cancellationToken);
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
            if (snapshot.Columns.LastSeq != before) snapshot.Memo.Clear();
            if (snapshot.Columns.Count - rowsBefore >= LoggedFrom)
                // A start-up (or a large import): what the snapshot holds and costs (script/bench reads this line).
                logger.LogInformation("Snapshot of {Questionnaire}: {Rows} responses read in {Seconds:0.00} s, about {Bytes} bytes ({PerResponse:0.0} per response)",
                    questionnaire.Id, snapshot.Columns.Count, clock.Elapsed.TotalSeconds, snapshot.Columns.ApproximateBytes,
                    snapshot.Columns.ApproximateBytes / (double)Math.Max(1, snapshot.Columns.Count));
        }
        finally
        {
            snapshot.Lock.Release();
        }
        return snapshot;
    }

    /// <summary>A refresh that reads this many rows (a start-up, a large import) logs the snapshot's size.</summary>
    public const int LoggedFrom = 20_000;

    /// <summary>Appends the rows numbered above the last one held, then their texts, then publishes them together.</summary>
    public static async Task ReadNewRowsAsync(DbConnection connection, string questionnaireId, ResponseColumns columns, CancellationToken cancellationToken)
    {
        var after = columns.LastSeq;
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(cancellationToken);
        var masks = new ulong[Math.Max(columns.Layout.SlotCount, 1)];
        long upTo = after;
        await using (var command = Command(connection, """
            SELECT "Seq", "SubmittedAt", "Patterns", "Mode" FROM responses
            WHERE "QuestionnaireId" = @questionnaire AND "Seq" > @after ORDER BY "Seq"
            """, questionnaireId, after, long.MaxValue))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                upTo = reader.GetInt64(0);
                var submittedAt = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
                PatternCodec.Decode(reader.IsDBNull(2) ? [] : (byte[])reader.GetValue(2), masks);
                columns.Append(upTo, submittedAt, (Survey.Api.Model.ResponseMode)reader.GetInt16(3), masks);
            }
        }
        if (upTo == after) return;
        await using (var command = Command(connection, """
            SELECT r."Seq", t."QuestionId", t."OptionId", t."Text" FROM response_texts t JOIN responses r ON r."Id" = t."ResponseId"
            WHERE r."QuestionnaireId" = @questionnaire AND r."Seq" > @after AND r."Seq" <= @upTo
            """, questionnaireId, after, upTo))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                columns.AddText(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3));
        }
        columns.Publish();
    }

    private static DbCommand Command(DbConnection connection, string sql, string questionnaireId, long after, long upTo)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in new (string, object)[] { ("questionnaire", questionnaireId), ("after", after), ("upTo", upTo) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
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
