using System.Runtime.CompilerServices;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Microsoft.EntityFrameworkCore.Storage;
using Survey.Api.Infrastructure;
using Survey.Api.Model;
using Survey.Core.Patterns;

namespace Survey.Api.Responses;

/// <summary>
/// Writes many responses inside the caller's transaction (begun on <paramref name="db"/>), in exactly the rows the API
/// stores (<see cref="NewResponse.ToEntity"/>: one compact row per response, numbered as <see cref="ResponseWriter"/>
/// describes, plus its texts): on PostgreSQL by one INSERT … SELECT FROM unnest(arrays) statement below <see cref="CopyFrom"/>
/// rows and by binary COPY above (one COPY per table, since a connection runs one COPY at a time), on SQLite by
/// prepared INSERTs. Used by
/// <c>script/import</c>, the group-commit writer and <see cref="ResponseWriter.WriteAsync"/> (tests, benchmark); the caller commits.
/// </summary>
public static class ResponseRowWriter
{
    public static Task WriteAsync(SurveyDbContext db, AnswerLayout layout, IReadOnlyList<NewResponse> batch, CancellationToken cancellationToken) =>
        WriteRowsAsync(db, layout.Questionnaire.Id, batch.Select(r => r.ToEntity(layout)).ToList(), cancellationToken);

    /// <summary>
    /// Writes response rows of one questionnaire (each with <see cref="SurveyResponse.Patterns"/> and its texts) inside
    /// the caller's transaction, numbering them in list order (on PostgreSQL from the sequence) and setting
    /// <see cref="SurveyResponse.Seq"/>; each text is stored with its response's number. The one way rows are stored: the API (group commit),
    /// the import, <see cref="ResponseWriter.WriteAsync"/> and the tests' and benchmark's bulk loaders all come here.
    /// </summary>
    public static Task WriteRowsAsync(SurveyDbContext db, string questionnaireId, IReadOnlyList<SurveyResponse> responses, CancellationToken cancellationToken) =>
        responses.Count == 0
            ? Task.CompletedTask
            : WriteRowsAsync(db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Responses are written inside the caller's transaction."),
                questionnaireId, responses, cancellationToken);

    /// <summary>
    /// <see cref="WriteRowsAsync(SurveyDbContext, string, IReadOnlyList{SurveyResponse}, CancellationToken)"/> in a
    /// transaction begun on a plain connection (<see cref="SurveyConnections"/>: the import, which needs no EF Core context).
    /// </summary>
    public static async Task WriteRowsAsync(DbTransaction transaction, string questionnaireId, IReadOnlyList<SurveyResponse> responses, CancellationToken cancellationToken)
    {
        if (responses.Count == 0) return;
        if (responses.Any(r => r.QuestionnaireId != questionnaireId)) throw new ArgumentException("One questionnaire per call.", nameof(responses));
        if (transaction is NpgsqlTransaction { Connection: { } connection } && responses.Count < CopyFrom)
        {
            await StoreAsync(connection, questionnaireId, responses, null, cancellationToken);
            return;
        }
        if (transaction is NpgsqlTransaction postgres)
        {
            // Numbered from the sequence before the COPY, so each text can be stored with its response's number.
            var numbers = await NextNumbersAsync(postgres.Connection!, responses.Count, cancellationToken);
            for (var i = 0; i < responses.Count; i++) responses[i].Seq = numbers[i];
            CopyRows(postgres.Connection!, responses, cancellationToken);
            return;
        }
        if (transaction is not SqliteTransaction sqlite) throw new NotSupportedException(transaction.GetType().Name);
        // Numbered last, just before the rows go in: the counter row stays locked for other writers until commit.
        var first = await ResponseWriter.ReserveSeqAsync(sqlite, questionnaireId, responses.Count, cancellationToken);
        for (var i = 0; i < responses.Count; i++) responses[i].Seq = first + i;
        await InsertAsync(sqlite, responses, cancellationToken);
    }

    /// <summary>
    /// Stores new submissions of one questionnaire, each with its idempotency record (<paramref name="keys"/>, in the
    /// same order; null: no key), numbering the stored ones in list order. A submission whose key is already stored
    /// (by an earlier batch, or by another instance: on PostgreSQL its uncommitted insert is waited for) is left out
    /// without an error; the result holds the ids stored. On PostgreSQL this is one statement (key, response and text
    /// rows), run in the caller's transaction if there is one and otherwise committed by itself: one round trip for a
    /// whole group commit. On SQLite, inside the caller's transaction (which serialises writers).
    /// </summary>
    public static async Task<HashSet<Guid>> StoreNewAsync(SurveyDbContext db, string questionnaireId, IReadOnlyList<SurveyResponse> responses,
        IReadOnlyList<IdempotencyRecord?> keys, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection() is NpgsqlConnection postgres && responses.Count < CopyFrom)
            return await StoreNewAsync(postgres, questionnaireId, responses, keys, cancellationToken);
        CheckBatch(questionnaireId, responses, keys);
        if (responses.Count == 0) return [];

        var hashes = keys.Where(k => k is not null).Select(k => k!.KeyHash).ToList();
        var stored = hashes.Count == 0
            ? []
            : await db.IdempotencyRecords.AsNoTracking().Where(r => hashes.Contains(r.KeyHash)).Select(r => r.KeyHash).ToHashSetAsync(cancellationToken);
        var accepted = Enumerable.Range(0, responses.Count).Where(i => keys[i] is not { } key || !stored.Contains(key.KeyHash)).ToList();
        await WriteRowsAsync(db, questionnaireId, accepted.Select(i => responses[i]).ToList(), cancellationToken);
        await WriteKeysAsync(db, accepted.Where(i => keys[i] is not null).Select(i => keys[i]!).ToList(), cancellationToken);
        return accepted.Select(i => responses[i].Id).ToHashSet();
    }

    /// <summary>
    /// <see cref="StoreNewAsync(SurveyDbContext, string, IReadOnlyList{SurveyResponse}, IReadOnlyList{IdempotencyRecord?}, CancellationToken)"/>
    /// on a PostgreSQL connection with no transaction (the statement commits by itself), for the group commit's batches.
    /// </summary>
    public static Task<HashSet<Guid>> StoreNewAsync(NpgsqlConnection connection, string questionnaireId, IReadOnlyList<SurveyResponse> responses,
        IReadOnlyList<IdempotencyRecord?> keys, CancellationToken cancellationToken)
    {
        CheckBatch(questionnaireId, responses, keys);
        if (responses.Count >= CopyFrom) throw new ArgumentException($"At most {CopyFrom - 1} responses per statement.", nameof(responses));
        return responses.Count == 0 ? Task.FromResult(new HashSet<Guid>()) : StoreAsync(connection, questionnaireId, responses, keys, cancellationToken);
    }

    private static void CheckBatch(string questionnaireId, IReadOnlyList<SurveyResponse> responses, IReadOnlyList<IdempotencyRecord?> keys)
    {
        if (responses.Count != keys.Count) throw new ArgumentException("One key (or null) per response.", nameof(keys));
        if (responses.Any(r => r.QuestionnaireId != questionnaireId)) throw new ArgumentException("One questionnaire per call.", nameof(responses));
    }

    /// <summary>
    /// PostgreSQL, fewer than <see cref="CopyFrom"/> rows: one INSERT … SELECT FROM unnest(arrays) statement writes the
    /// idempotency records (a key already stored: that submission is left out), and writes the response rows numbered
    /// from the sequence in list order (no lock: concurrent batches commit side by side, see <see cref="ResponseWriter"/>)
    /// and their texts. Keys go in hash order, so two writers holding the same retried keys wait for each other in one
    /// order, not a deadlock.
    /// Sets <see cref="SurveyResponse.Seq"/> of the stored responses and returns their ids.
    /// </summary>
    private static async Task<HashSet<Guid>> StoreAsync(NpgsqlConnection connection, string questionnaireId, IReadOnlyList<SurveyResponse> responses,
        IReadOnlyList<IdempotencyRecord?>? keys, CancellationToken cancellationToken)
    {
        var texts = responses.SelectMany(r => r.Texts.Select(t => (Response: r, Text: t))).ToList();
        await using var command = new NpgsqlCommand("""
            WITH input AS (
                SELECT * FROM unnest($1::uuid[], $2::integer[], $3::timestamptz[], $4::bytea[], $5::smallint[], $6::varchar[], $7::varchar[])
                    WITH ORDINALITY AS i(id, version, submitted_at, patterns, mode, key_hash, request_hash, ord)
            ), new_keys AS (
                INSERT INTO idempotency_keys ("KeyHash", "RequestHash", "ResponseId")
                SELECT key_hash, request_hash, id FROM input WHERE key_hash IS NOT NULL ORDER BY key_hash
                ON CONFLICT ("KeyHash") DO NOTHING
                RETURNING "ResponseId"
            ), stored AS (
                INSERT INTO responses ("Id", "QuestionnaireId", "QuestionnaireVersion", "SubmittedAt", "Patterns", "Mode")
                SELECT id, $8::varchar, version, submitted_at, patterns, mode
                FROM input WHERE key_hash IS NULL OR id IN (SELECT "ResponseId" FROM new_keys) ORDER BY ord
                RETURNING "Id", "Seq"
            ), texts AS (
                INSERT INTO response_texts ("ResponseId", "Seq", "QuestionnaireId", "QuestionId", "OptionId", "Text")
                SELECT t.response_id, s."Seq", $8::varchar, t.question_id, t.option_id, t.text
                FROM unnest($9::uuid[], $10::varchar[], $11::varchar[], $12::varchar[]) AS t(response_id, question_id, option_id, text)
                JOIN stored s ON s."Id" = t.response_id
            )
            SELECT "Id", "Seq" FROM stored
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = responses.Select(r => r.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = responses.Select(r => r.QuestionnaireVersion).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = responses.Select(r => r.SubmittedAt).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = responses.Select(r => r.Patterns!).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = responses.Select(r => (short)r.Mode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = responses.Select((_, i) => keys?[i]?.KeyHash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = responses.Select((_, i) => keys?[i]?.RequestHash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = questionnaireId });
        command.Parameters.Add(new NpgsqlParameter { Value = texts.Select(t => t.Response.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = texts.Select(t => t.Text.QuestionId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = texts.Select(t => t.Text.OptionId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = texts.Select(t => t.Text.Text).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });

        // Prepared once per physical connection (Npgsql keeps it across the pool's reuse): the statement is planned
        // once instead of on every batch, which was most of PostgreSQL's time per small batch.
        await command.PrepareAsync(cancellationToken);
        var seqs = new Dictionary<Guid, long>(responses.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                seqs[reader.GetGuid(0)] = reader.GetInt64(1);
        foreach (var response in responses)
            if (seqs.TryGetValue(response.Id, out var seq)) response.Seq = seq;
        return seqs.Keys.ToHashSet();
    }

    /// <summary>Idempotency records, in the same transaction as their responses; a key stored before fails the transaction (primary key).</summary>
    public static async Task WriteKeysAsync(SurveyDbContext db, IReadOnlyList<IdempotencyRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0) return;
        switch (db.Database.CurrentTransaction?.GetDbTransaction())
        {
            case NpgsqlTransaction postgres when records.Count < CopyFrom:
                await using (var insert = new NpgsqlCommand("""
                    INSERT INTO idempotency_keys ("KeyHash", "RequestHash", "ResponseId")
                    SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::uuid[])
                    """, postgres.Connection))
                {
                    insert.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.KeyHash).ToArray() });
                    insert.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.RequestHash).ToArray() });
                    insert.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.ResponseId).ToArray() });
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
                break;
            case NpgsqlTransaction postgres:
                cancellationToken.ThrowIfCancellationRequested();
                using (var copy = PostgresBinaryCopy.Begin(postgres.Connection!,
                           """COPY idempotency_keys ("KeyHash", "RequestHash", "ResponseId") FROM STDIN (FORMAT BINARY)"""))
                {
                    foreach (var record in records)
                    {
                        copy.StartRow(3);
                        copy.WriteText(record.KeyHash);
                        copy.WriteText(record.RequestHash);
                        copy.WriteUuid(record.ResponseId);
                    }
                    copy.Complete();
                }
                break;
            case SqliteTransaction sqlite:
                await using (var insert = Prepare(sqlite, """INSERT INTO idempotency_keys ("KeyHash", "RequestHash", "ResponseId") VALUES ($1, $2, $3)""", 3))
                    foreach (var record in records)
                        await ExecuteAsync(insert, cancellationToken, record.KeyHash, record.RequestHash, SqliteGuid(record.ResponseId));
                break;
            default:
                throw new InvalidOperationException("Idempotency records are written inside the caller's transaction.");
        }
    }

    /// <summary>
    /// From this many rows on, PostgreSQL gets them by binary COPY; fewer (a group commit's batch) go as one
    /// INSERT … SELECT FROM unnest(arrays) statement with the texts and the keys, in one round trip, where
    /// each COPY costs several.
    /// </summary>
    public const int CopyFrom = 1000;

    /// <summary>
    /// <paramref name="count"/> numbers taken from the responses' sequence (as the column's default would take them, so
    /// concurrent writers still need no lock), in increasing order.
    /// </summary>
    private static async Task<long[]> NextNumbersAsync(NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT nextval('responses_seq') FROM generate_series(1, $1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var numbers = new long[count];
        var read = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                numbers[read++] = reader.GetInt64(0);
        Array.Sort(numbers);
        return numbers;
    }

    /// <summary>
    /// Binary COPY of the responses (numbered), then of their texts, encoded by <see cref="PostgresBinaryCopy"/>
    /// (synchronous writes: they only fill a buffer, sent to the socket when full).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRows(NpgsqlConnection connection, IReadOnlyList<SurveyResponse> responses, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (var copy = PostgresBinaryCopy.Begin(connection,
                   """COPY responses ("Id", "Seq", "QuestionnaireId", "QuestionnaireVersion", "SubmittedAt", "Patterns", "Mode") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var response in responses)
            {
                copy.StartRow(7);
                copy.WriteUuid(response.Id);
                copy.WriteInt64(response.Seq!.Value);
                copy.WriteText(response.QuestionnaireId);
                copy.WriteInt32(response.QuestionnaireVersion);
                copy.WriteTimestampTz(response.SubmittedAt);
                if (response.Patterns is { } patterns) copy.WriteBytes(patterns);
                else copy.WriteNull();
                copy.WriteInt16((short)response.Mode);
            }
            copy.Complete();
        }
        if (!responses.Any(r => r.Texts.Count > 0)) return;
        cancellationToken.ThrowIfCancellationRequested();
        using (var copy = PostgresBinaryCopy.Begin(connection,
                   """COPY response_texts ("ResponseId", "Seq", "QuestionnaireId", "QuestionId", "OptionId", "Text") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var response in responses)
            foreach (var text in response.Texts)
            {
                copy.StartRow(6);
                copy.WriteUuid(response.Id);
                copy.WriteInt64(response.Seq!.Value);
                copy.WriteText(text.QuestionnaireId);
                copy.WriteText(text.QuestionId);
                if (text.OptionId is null) copy.WriteNull();
                else copy.WriteText(text.OptionId);
                copy.WriteText(text.Text);
            }
            copy.Complete();
        }
    }

    /// <summary>
    /// Prepared INSERTs, executed synchronously: Microsoft.Data.Sqlite runs every statement synchronously anyway (its
    /// async methods wrap the same call in a task), so the task per row was pure overhead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Task InsertAsync(SqliteTransaction transaction, IReadOnlyList<SurveyResponse> responses, CancellationToken cancellationToken)
    {
        using var insertResponse = Prepare(transaction,
            """INSERT INTO responses ("Id", "QuestionnaireId", "QuestionnaireVersion", "SubmittedAt", "Seq", "Patterns", "Mode") VALUES ($1, $2, $3, $4, $5, $6, $7)""", 7);
        using var insertText = Prepare(transaction,
            """INSERT INTO response_texts ("ResponseId", "Seq", "QuestionnaireId", "QuestionId", "OptionId", "Text") VALUES ($1, $2, $3, $4, $5, $6)""", 6);
        var r = insertResponse.Parameters;
        var t = insertText.Parameters;
        foreach (var response in responses)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = SqliteGuid(response.Id); // a DateTime binds as "yyyy-MM-dd HH:mm:ss[.fffffff]", as EF Core stores it
            r[0].Value = id;
            r[1].Value = response.QuestionnaireId;
            r[2].Value = response.QuestionnaireVersion;
            r[3].Value = response.SubmittedAt;
            r[4].Value = (object?)response.Seq ?? DBNull.Value;
            r[5].Value = (object?)response.Patterns ?? DBNull.Value;
            r[6].Value = (short)response.Mode;
            insertResponse.ExecuteNonQuery();
            foreach (var text in response.Texts)
            {
                t[0].Value = id;
                t[1].Value = r[4].Value; // its response's number, bound above
                t[2].Value = text.QuestionnaireId;
                t[3].Value = text.QuestionId;
                t[4].Value = (object?)text.OptionId ?? DBNull.Value;
                t[5].Value = text.Text;
                insertText.ExecuteNonQuery();
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>EF Core stores a Guid on SQLite as upper-case text.</summary>
    private static string SqliteGuid(Guid id) => id.ToString().ToUpperInvariant();

    private static SqliteCommand Prepare(SqliteTransaction transaction, string sql, int parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++) command.Parameters.Add(new SqliteParameter($"${i}", null));
        command.Prepare();
        return command;
    }

    private static Task<int> ExecuteAsync(SqliteCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command.ExecuteNonQueryAsync(cancellationToken);
    }
}
