using System.Data.Common;
using Survey.Api.Model;
using System.Collections.Concurrent;
using Survey.Core.Patterns;

namespace Survey.Api.Infrastructure;

/// <summary>
/// The persisted <see cref="AnswerLayout"/> of each questionnaire, read (and completed with new questions and
/// options) once per process. Safe with several instances starting at once: assignments are unique per
/// (questionnaire, question, option) and per (questionnaire, slot, bit), and an instance that loses a race reads
/// the winner's assignments and tries again.
/// </summary>
public sealed class AnswerLayouts(SurveyConnections connections)
{
    private const int Attempts = 5;
    private readonly ConcurrentDictionary<string, Task<AnswerLayout>> layouts = new();

    public Task<AnswerLayout> GetAsync(Questionnaire questionnaire, CancellationToken cancellationToken = default) =>
        layouts.GetOrAdd(questionnaire.Id, _ => SyncAsync(questionnaire, [], CancellationToken.None)) is var task && task.IsFaulted
            ? Retry(questionnaire)
            : task;

    /// <summary>Assigns slots and bits to anything new, including (question, option) pairs found only in old rows.</summary>
    public async Task<AnswerLayout> SyncAsync(Questionnaire questionnaire, IReadOnlyCollection<(string Question, string Option)> extra, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Plain ADO.NET rather than a LINQ query and SaveChanges: at start-up (every server start, every import) EF's
            // query compilation and update pipeline cost more CPU than everything else here, for one small table.
            await using var connection = await connections.OpenAsync(cancellationToken);
            var existing = await ReadAsync(connection, questionnaire.Id, cancellationToken);
            var missing = AnswerLayout.Missing(questionnaire, existing, extra);
            if (missing.Count == 0)
            {
                var layout = new AnswerLayout(questionnaire, existing);
                layouts[questionnaire.Id] = Task.FromResult(layout);
                return layout;
            }
            try
            {
                await InsertAsync(connection, questionnaire.Id, missing, cancellationToken);
            }
            catch (DbException) when (attempt < Attempts)
            {
                // Another instance assigned first (a unique constraint): read its assignments and complete them.
            }
        }
    }

    private static async Task<List<LayoutEntry>> ReadAsync(DbConnection connection, string questionnaireId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "QuestionId", "OptionId", "Slot", "Bit" FROM questionnaire_layout WHERE "QuestionnaireId" = @questionnaire""";
        command.AddParameter("questionnaire", questionnaireId);
        var entries = new List<LayoutEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(new LayoutEntry(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3)));
        return entries;
    }

    /// <summary>All the new assignments in one transaction: a conflict with another instance stores none of them.</summary>
    private static async Task InsertAsync(DbConnection connection, string questionnaireId, IReadOnlyList<LayoutEntry> entries, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO questionnaire_layout ("QuestionnaireId", "QuestionId", "OptionId", "Slot", "Bit")
            VALUES (@questionnaire, @question, @option, @slot, @bit)
            """;
        command.AddParameter("questionnaire", questionnaireId);
        var question = command.AddParameter("question", "");
        var option = command.AddParameter("option", "");
        var slot = command.AddParameter("slot", 0);
        var bit = command.AddParameter("bit", 0);
        foreach (var entry in entries)
        {
            question.Value = entry.QuestionId;
            option.Value = entry.OptionId;
            slot.Value = entry.Slot;
            bit.Value = entry.Bit;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }


    private Task<AnswerLayout> Retry(Questionnaire questionnaire)
    {
        var task = SyncAsync(questionnaire, [], CancellationToken.None);
        layouts[questionnaire.Id] = task;
        return task;
    }
}
