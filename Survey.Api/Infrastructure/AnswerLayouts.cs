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
public sealed class AnswerLayouts(IServiceScopeFactory scopes)
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
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            var existing = await db.Layout.AsNoTracking().Where(a => a.QuestionnaireId == questionnaire.Id)
                .Select(a => new LayoutEntry(a.QuestionId, a.OptionId, a.Slot, a.Bit)).ToListAsync(cancellationToken);
            var missing = AnswerLayout.Missing(questionnaire, existing, extra);
            if (missing.Count == 0)
            {
                var layout = new AnswerLayout(questionnaire, existing);
                layouts[questionnaire.Id] = Task.FromResult(layout);
                return layout;
            }
            db.Layout.AddRange(missing.Select(e => new LayoutAssignment
            {
                QuestionnaireId = questionnaire.Id, QuestionId = e.QuestionId, OptionId = e.OptionId, Slot = e.Slot, Bit = e.Bit,
            }));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another instance assigned first: read its assignments and complete them.
            }
        }
    }

    private Task<AnswerLayout> Retry(Questionnaire questionnaire)
    {
        var task = SyncAsync(questionnaire, [], CancellationToken.None);
        layouts[questionnaire.Id] = task;
        return task;
    }
}
