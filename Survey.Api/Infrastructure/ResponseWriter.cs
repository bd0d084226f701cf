using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using Survey.Api.Model;
using Survey.Api.Responses;

namespace Survey.Api.Infrastructure;

/// <summary>
/// Stores compact response rows and numbers them. Sequence numbers come from a counter row per questionnaire
/// (<c>response_counters</c>), incremented in the same transaction as the inserts: the row lock is held until commit,
/// so a transaction holding number n+1 cannot commit before the one holding n has committed or rolled back (and a
/// rollback gives its numbers back). Numbers therefore become visible in order, and a reader that has seen n has
/// seen everything below it: the analysis snapshot catches up exactly by reading <c>Seq &gt; n</c>, on PostgreSQL with
/// concurrent writers as on SQLite (which serialises writers anyway). A sequence or identity column would not do:
/// its values are taken at insert time and may commit out of order.
/// </summary>
public static class ResponseWriter
{
    /// <summary>
    /// Reserves <paramref name="count"/> consecutive numbers for the questionnaire in the current transaction (which
    /// must exist) and returns the first. Run it as late as possible in the transaction: the counter row stays locked
    /// for other writers of the questionnaire until commit.
    /// </summary>
    public static async Task<long> ReserveSeqAsync(SurveyDbContext db, string questionnaireId, int count, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Sequence numbers are reserved inside the writing transaction.");
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
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
