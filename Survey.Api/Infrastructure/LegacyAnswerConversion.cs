using Survey.Api.Model;
using Survey.Core.Questionnaires;
using Survey.Core.Patterns;

namespace Survey.Api.Infrastructure;

/// <summary>
/// Converts responses stored in the old format (one <c>response_answers</c> row per chosen option, no
/// <see cref="SurveyResponse.Patterns"/>) at start-up, after the schema migration: in batches, each in one transaction
/// that numbers the responses (in submission order), writes their patterns and deletes their old rows, so a
/// restart after a crash resumes where it stopped. Options found only in old rows get layout bits too, so nothing
/// stored is dropped.
/// </summary>
public static class LegacyAnswerConversion
{
    public const int BatchSize = 1000;

    public static async Task<long> RunAsync(IServiceProvider services, QuestionnaireCatalog catalog, ILogger logger, CancellationToken cancellationToken = default)
    {
        var layouts = services.GetRequiredService<AnswerLayouts>();
        var pending = await PendingAsync(services, catalog, cancellationToken);
        long converted = 0;
        foreach (var questionnaireId in pending)
        {
            if (catalog.Find(questionnaireId) is not { } questionnaire)
            {
                logger.LogWarning("Responses to {Questionnaire} are in the old format, but its file is not loaded: left as they are", questionnaireId);
                continue;
            }
            List<(string, string)> stored;
            await using (var scope = services.CreateAsyncScope())
                stored = (await scope.ServiceProvider.GetRequiredService<SurveyDbContext>().LegacyAnswers
                        .Where(a => a.QuestionnaireId == questionnaireId).Select(a => new { a.QuestionId, a.OptionId }).Distinct()
                        .ToListAsync(cancellationToken))
                    .Select(a => (a.QuestionId, a.OptionId)).ToList();
            var layout = await layouts.SyncAsync(questionnaire, stored, cancellationToken);
            var position = layout.Entries.ToDictionary(e => (e.QuestionId, e.OptionId), e => (e.Slot, e.Bit));
            while (await ConvertBatchAsync(services, questionnaireId, layout.SlotCount, position, cancellationToken) is var count and > 0)
                converted += count;
            logger.LogInformation("Converted the stored responses of {Questionnaire} to answer patterns", questionnaireId);
        }
        return converted;
    }

    /// <summary>
    /// The questionnaires with responses in the old format. Old rows have no sequence number: one probe per loaded
    /// questionnaire on the (questionnaire, number) index, not a scan of every stored response at every start; old
    /// answers of questionnaires not loaded are found in their own (normally empty) table. Plain ADO.NET, like
    /// <see cref="AnswerLayouts"/>: this runs at every start, where compiling EF queries cost more CPU than the probes.
    /// </summary>
    private static async Task<List<string>> PendingAsync(IServiceProvider services, QuestionnaireCatalog catalog, CancellationToken cancellationToken)
    {
        var pending = new List<string>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var loaded in catalog.All)
            {
                await using var probe = connection.CreateCommand();
                probe.CommandText = """SELECT 1 FROM responses WHERE "QuestionnaireId" = @questionnaire AND "Seq" IS NULL LIMIT 1""";
                probe.AddParameter("questionnaire", loaded.Id);
                if (await probe.ExecuteScalarAsync(cancellationToken) is not null) pending.Add(loaded.Id);
            }
            await using var others = connection.CreateCommand();
            others.CommandText = """SELECT DISTINCT "QuestionnaireId" FROM response_answers""";
            await using var reader = await others.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                if (catalog.Find(reader.GetString(0)) is null) pending.Add(reader.GetString(0));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return pending;
    }

    private static async Task<int> ConvertBatchAsync(
        IServiceProvider services, string questionnaireId, int slotCount, Dictionary<(string, string), (int Slot, int Bit)> position,
        CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.Responses.Where(r => r.QuestionnaireId == questionnaireId && r.Patterns == null)
            .OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (batch.Count == 0) return 0;
        var ids = batch.Select(r => r.Id).ToList();
        var answers = (await db.LegacyAnswers.AsNoTracking().Where(a => ids.Contains(a.ResponseId))
                .Select(a => new { a.ResponseId, a.QuestionId, a.OptionId }).ToListAsync(cancellationToken))
            .ToLookup(a => a.ResponseId);

        var numbers = await ResponseWriter.NumbersAsync(db, questionnaireId, batch.Count, cancellationToken);
        var masks = new ulong[slotCount];
        for (var i = 0; i < batch.Count; i++)
        {
            Array.Clear(masks);
            foreach (var answer in answers[batch[i].Id])
            {
                var (slot, bit) = position[(answer.QuestionId, answer.OptionId)];
                masks[slot] |= 1UL << bit;
            }
            batch[i].Patterns = PatternCodec.Encode(masks);
            batch[i].Seq = numbers[i];
        }
        await db.SaveChangesAsync(cancellationToken);
        // Their texts carry the number too (ResponseText.Seq).
        await db.Texts.Where(t => ids.Contains(t.ResponseId))
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Seq, t => db.Responses.Where(r => r.Id == t.ResponseId).Select(r => r.Seq).FirstOrDefault()),
                cancellationToken);
        await db.LegacyAnswers.Where(a => ids.Contains(a.ResponseId)).ExecuteDeleteAsync(cancellationToken);
        // PostgreSQL's snapshots read the rows stored by transactions they have not seen (ResponseSnapshots): a converted
        // row becomes readable now, so it is marked as stored by this transaction.
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"""UPDATE responses SET "TxId" = DEFAULT WHERE "Id" = ANY({ids.ToArray()})""", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }
}
