using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using Survey.Api.Model;
using Survey.Api.Responses;

namespace Survey.Api.Infrastructure;

/// <summary>
/// Stores compact response rows and numbers them; a number identifies a response to the analysis (set-asides name
/// responses by it) and is unique per questionnaire.
/// <list type="bullet">
/// <item>PostgreSQL: from the sequence <c>responses_seq</c> (the column's default), with no lock, so concurrent
/// transactions (the group commit's writers, other instances, an import) commit side by side and share WAL flushes.
/// Numbers may therefore become visible out of order; readers do not rely on them for what is new but on the
/// transaction that stored each row (<c>"TxId"</c>, default <c>pg_current_xact_id()</c>), see
/// <see cref="Survey.Api.Results.Engine.ResponseSnapshots.ReadNewRowsAsync"/>.</item>
/// <item>SQLite: from a counter row per questionnaire (<c>response_counters</c>) incremented in the same transaction
/// as the inserts. SQLite serialises writers, so numbers become visible in order and a reader that has seen n has
/// seen everything below it: the snapshot catches up by reading <c>Seq &gt; n</c>.</item>
/// </list>
/// </summary>
public static class ResponseWriter
{
    /// <summary>
    /// <paramref name="count"/> numbers for rows about to be stored in the current transaction (which must exist), in
    /// increasing order: on PostgreSQL from the sequence, on SQLite <see cref="ReserveSeqAsync"/>'s consecutive range.
    /// </summary>
    public static async Task<long[]> NumbersAsync(SurveyDbContext db, string questionnaireId, int count, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            var first = await ReserveSeqAsync(db, questionnaireId, count, cancellationToken);
            return Enumerable.Range(0, count).Select(i => first + i).ToArray();
        }
        _ = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Sequence numbers are taken inside the writing transaction.");
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT nextval('responses_seq') FROM generate_series(1, @count) ORDER BY 1";
        command.AddParameter("count", count);
        var numbers = new List<long>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) numbers.Add(reader.GetInt64(0));
        return numbers.ToArray();
    }

    /// <summary>
    /// SQLite: reserves <paramref name="count"/> consecutive numbers for the questionnaire in the current transaction
    /// (which must exist) and returns the first. Run it as late as possible in the transaction: the counter row stays
    /// locked for other writers of the questionnaire until commit.
    /// </summary>
    public static Task<long> ReserveSeqAsync(SurveyDbContext db, string questionnaireId, int count, CancellationToken cancellationToken) =>
        ReserveSeqAsync(db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Sequence numbers are reserved inside the writing transaction."),
            questionnaireId, count, cancellationToken);

    /// <summary>SQLite: <see cref="ReserveSeqAsync(SurveyDbContext, string, int, CancellationToken)"/> in a transaction begun on a plain connection.</summary>
    public static async Task<long> ReserveSeqAsync(System.Data.Common.DbTransaction transaction, string questionnaireId, int count, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO response_counters ("QuestionnaireId", "LastSeq") VALUES (@questionnaire, @count)
            ON CONFLICT ("QuestionnaireId") DO UPDATE SET "LastSeq" = response_counters."LastSeq" + @count
            RETURNING "LastSeq"
            """;
        command.AddParameter("questionnaire", questionnaireId);
        command.AddParameter("count", (long)count);
        var last = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
        return last - count + 1;
    }

    /// <summary>
    /// Stores responses of one questionnaire (each with <see cref="SurveyResponse.Patterns"/> and its texts) and their
    /// idempotency records in one transaction of their own, numbering them in list order, through the same row writer
    /// as the API and the import (<see cref="ResponseRowWriter"/>: binary COPY on PostgreSQL, prepared INSERTs on
    /// SQLite; no change tracking). Durable when this returns.
    /// </summary>
    public static async Task WriteAsync(
        SurveyDbContext db, string questionnaireId, IReadOnlyList<SurveyResponse> responses, IEnumerable<IdempotencyRecord> keys, CancellationToken cancellationToken)
    {
        if (responses.Count == 0) return;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ResponseRowWriter.WriteRowsAsync(db, questionnaireId, responses, cancellationToken);
        await ResponseRowWriter.WriteKeysAsync(db, keys.ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
