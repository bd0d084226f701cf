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
public sealed class ResponseSnapshots(IServiceScopeFactory scopes, AnswerLayouts layouts)
{
    private const int MaxMemoEntries = 256;
    private readonly ConcurrentDictionary<string, Snapshot> snapshots = new();

    /// <summary>Refreshes the questionnaire's snapshot from the database and runs (or recalls) the pass.</summary>
    public async Task<PatternCounts> CountAsync(Questionnaire questionnaire, PassRequest request, string memoKey, CancellationToken cancellationToken)
    {
        var snapshot = await RefreshAsync(questionnaire, cancellationToken);
        var key = $"{snapshot.Columns.LastSeq}|{memoKey}";
        if (snapshot.Memo.TryGetValue(key, out var counts)) return counts;
        counts = PatternPass.Run(snapshot.Columns, request);
        if (snapshot.Memo.Count >= MaxMemoEntries) snapshot.Memo.Clear();
        snapshot.Memo[key] = counts;
        return counts;
    }

    /// <summary>Memoised counts for this key at the snapshot's current number, if any (a chart reuses its page's pass).</summary>
    public async Task<PatternCounts?> RecallAsync(Questionnaire questionnaire, string memoKey, CancellationToken cancellationToken)
    {
        var snapshot = await RefreshAsync(questionnaire, cancellationToken);
        return snapshot.Memo.GetValueOrDefault($"{snapshot.Columns.LastSeq}|{memoKey}");
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
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            try
            {
                // Opened through EF, so its connection resilience and interceptors apply to the snapshot's reads too.
                await db.Database.OpenConnectionAsync(cancellationToken);
                await ReadNewRowsAsync(db.Database.GetDbConnection(), questionnaire.Id, snapshot.Columns, cancellationToken);
            }
            catch
            {
                snapshot.Columns.Discard();
                throw;
            }
            if (snapshot.Columns.LastSeq != before) snapshot.Memo.Clear();
        }
        finally
        {
            snapshot.Lock.Release();
        }
        return snapshot;
    }

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
        public ConcurrentDictionary<string, PatternCounts> Memo { get; } = new();
    }
}
