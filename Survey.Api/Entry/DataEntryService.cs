using System.Security.Claims;
using Survey.Api.Audit;
using Survey.Api.Infrastructure;
using Survey.Api.Model;
using Survey.Api.Responses;

namespace Survey.Api.Entry;

/// <summary>
/// Paper forms typed in by organisers. Single entry stores each form at once as a response with mode paper through the
/// normal write path (<see cref="ResponseStore"/>, the group-commit writer). Double entry keeps the forms of a batch in
/// <c>entry_forms</c> (copy A and copy B, numbered as in the stack), never in responses; <see cref="CompareAsync"/> lists
/// the differences, <see cref="ResolveAsync"/> copies one copy's answer to the other, and <see cref="AcceptAsync"/>
/// writes the agreed forms as responses and marks the batch accepted in one transaction (so the batch counts once,
/// entirely, or not at all). Each step is recorded in the audit log (who, which batch, counts; never the answers).
/// </summary>
public sealed class DataEntryService(SurveyDbContext db, ResponseStore store, AnswerLayouts layouts, AuditLog audit, TimeProvider clock)
{
    public const int CopyA = 1;
    public const int CopyB = 2;

    /// <summary>A paper form dated only by its day is recorded at noon Beijing time (04:00 UTC): the same day in UTC and in Beijing, so the date and round filters agree.</summary>
    public static DateTime SubmittedAtOf(DateOnly filledOn) => filledOn.ToDateTime(new TimeOnly(4, 0), DateTimeKind.Utc);

    /// <summary>Stores one paper form now (single entry), with its Idempotency key so a form sent twice is stored once.</summary>
    /// <param name="codeHash">For a questionnaire with invitation codes: the hash of the code printed on the paper copy, claimed in the response's transaction.</param>
    public async Task<StoreResult> StorePaperAsync(ClaimsPrincipal user, Questionnaire questionnaire, ResponseSubmission submission, DateOnly? filledOn, string? key, CancellationToken cancellationToken,
        string? codeHash = null)
    {
        var result = await store.SaveAsync(questionnaire, submission, key, ResponseMode.Paper, filledOn is { } day ? SubmittedAtOf(day) : null, cancellationToken, codeHash);
        if (result.Outcome == StoreOutcome.Created)
            await audit.AppendAsync(user, AuditActions.EntryCreated, questionnaire.Id, new { mode = "paper", count = 1 }, cancellationToken);
        return result;
    }

    public async Task<EntryBatch> CreateBatchAsync(ClaimsPrincipal user, Questionnaire questionnaire, string label, CancellationToken cancellationToken)
    {
        var batch = new EntryBatch { Id = Guid.NewGuid(), QuestionnaireId = questionnaire.Id, Label = label.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.EntryBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(user, AuditActions.EntryBatchCreated, questionnaire.Id, new { batch = batch.Label }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch;
    }

    public Task<List<EntryBatch>> BatchesAsync(Questionnaire questionnaire, CancellationToken cancellationToken) =>
        db.EntryBatches.AsNoTracking().Where(b => b.QuestionnaireId == questionnaire.Id).OrderByDescending(b => b.CreatedAt).ToListAsync(cancellationToken);

    public Task<EntryBatch?> FindBatchAsync(Questionnaire questionnaire, Guid id, CancellationToken cancellationToken) =>
        db.EntryBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id && b.QuestionnaireId == questionnaire.Id, cancellationToken);

    /// <summary>The number the next form of this copy gets (one more than the highest typed).</summary>
    public async Task<int> NextNumberAsync(Guid batchId, int copy, CancellationToken cancellationToken) =>
        (await db.EntryForms.Where(f => f.BatchId == batchId && f.Copy == copy).MaxAsync(f => (int?)f.Number, cancellationToken) ?? 0) + 1;

    /// <summary>Stores (or replaces) form <paramref name="number"/> of one copy of an open batch. False when the batch was accepted meanwhile.</summary>
    public async Task<bool> SaveFormAsync(ClaimsPrincipal user, EntryBatch batch, int copy, int number, ResponseSubmission submission, DateOnly? filledOn, CancellationToken cancellationToken)
    {
        if (copy is not (CopyA or CopyB)) throw new ArgumentOutOfRangeException(nameof(copy));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // First a write that changes nothing but locks the open batch (its row on PostgreSQL, the database's write lock
        // on SQLite): an accept running at the same time waits, or has already closed the batch and this form is refused.
        if (await db.EntryBatches.Where(b => b.Id == batch.Id && b.AcceptedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Label, b => b.Label), cancellationToken) != 1) return false;
        var answers = EntryAnswers.Write(submission);
        var existing = await db.EntryForms.FirstOrDefaultAsync(f => f.BatchId == batch.Id && f.Copy == copy && f.Number == number, cancellationToken);
        if (existing is null)
            db.EntryForms.Add(new EntryForm { BatchId = batch.Id, Copy = copy, Number = number, Answers = answers, FilledOn = filledOn, EnteredAt = clock.GetUtcNow().UtcDateTime });
        else
        {
            existing.Answers = answers;
            existing.FilledOn = filledOn;
            existing.EnteredAt = clock.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(user, AuditActions.EntryCreated, batch.QuestionnaireId, new { mode = "paper", batch = batch.Label, copy, number }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<BatchComparison> CompareAsync(Questionnaire questionnaire, EntryBatch batch, CancellationToken cancellationToken)
    {
        var forms = await db.EntryForms.AsNoTracking().Where(f => f.BatchId == batch.Id).ToListAsync(cancellationToken);
        return Compare(questionnaire, batch, forms);
    }

    /// <summary>As <see cref="CompareAsync"/>, recorded in the audit log (the organiser looked at the differences: counts only).</summary>
    public async Task<BatchComparison> CompareRecordedAsync(ClaimsPrincipal user, Questionnaire questionnaire, EntryBatch batch, CancellationToken cancellationToken)
    {
        var comparison = await CompareAsync(questionnaire, batch, cancellationToken);
        if (batch.AcceptedAt is null)
            await audit.AppendAsync(user, AuditActions.EntryBatchCompared, questionnaire.Id,
                new { batch = batch.Label, formsA = comparison.FormsA, formsB = comparison.FormsB, differences = comparison.Differences.Count }, cancellationToken);
        return comparison;
    }

    /// <summary>Form by form, question by question in questionnaire order; a form one copy lacks is one difference; the paper's date too.</summary>
    public static BatchComparison Compare(Questionnaire questionnaire, EntryBatch batch, IReadOnlyList<EntryForm> forms)
    {
        var a = forms.Where(f => f.Copy == CopyA).ToDictionary(f => f.Number);
        var b = forms.Where(f => f.Copy == CopyB).ToDictionary(f => f.Number);
        var differences = new List<EntryDifference>();
        foreach (var number in a.Keys.Union(b.Keys).Order())
        {
            if (!a.TryGetValue(number, out var formA) || !b.TryGetValue(number, out var formB))
            {
                differences.Add(new(number, null, 0, "整张问卷", a.ContainsKey(number) ? "已录入" : "未录入", b.ContainsKey(number) ? "已录入" : "未录入"));
                continue;
            }
            if (formA.FilledOn != formB.FilledOn)
                differences.Add(new(number, null, 0, "填写日期", formA.FilledOn?.ToString("yyyy-MM-dd") ?? "（未填）", formB.FilledOn?.ToString("yyyy-MM-dd") ?? "（未填）"));
            var answersA = EntryAnswers.Read(formA.Answers);
            var answersB = EntryAnswers.Read(formB.Answers);
            for (var q = 0; q < questionnaire.Questions.Count; q++)
            {
                var question = questionnaire.Questions[q];
                if (!EntryAnswers.SameAnswer(question, answersA, answersB))
                    differences.Add(new(number, question.Id, q + 1, question.Text, EntryAnswers.Describe(question, answersA), EntryAnswers.Describe(question, answersB)));
            }
        }
        return new BatchComparison(batch, a.Count, b.Count, differences);
    }

    /// <summary>
    /// Settles one difference by taking copy <paramref name="takeCopy"/>'s answer to question <paramref name="questionId"/>
    /// of form <paramref name="number"/> into the other copy (null question: the paper's date). The corrected form must
    /// still pass the validator. Returns the validator's errors (empty when done), or null when there is nothing to resolve.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionError>?> ResolveAsync(ClaimsPrincipal user, Questionnaire questionnaire, EntryBatch batch, int number, string? questionId, int takeCopy, CancellationToken cancellationToken)
    {
        if (batch.AcceptedAt is not null || takeCopy is not (CopyA or CopyB)) return null;
        var pair = await db.EntryForms.Where(f => f.BatchId == batch.Id && f.Number == number).ToListAsync(cancellationToken);
        var source = pair.FirstOrDefault(f => f.Copy == takeCopy);
        var target = pair.FirstOrDefault(f => f.Copy != takeCopy);
        if (source is null || target is null) return null;
        if (questionId is null) target.FilledOn = source.FilledOn;
        else
        {
            if (questionnaire.FindQuestion(questionId) is not { } question) return null;
            var corrected = EntryAnswers.TakeQuestion(question, EntryAnswers.Read(target.Answers), EntryAnswers.Read(source.Answers));
            if (SubmissionValidator.Validate(questionnaire, corrected) is { Count: > 0 } errors) return errors;
            target.Answers = EntryAnswers.Write(corrected);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(user, AuditActions.EntryBatchCorrected, questionnaire.Id,
            new { batch = batch.Label, number, question = questionId ?? "filledOn", copy = takeCopy }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>
    /// Writes the batch's agreed forms as responses (mode paper; submitted now, or at the paper's date) and marks the
    /// batch accepted, in one transaction; its pending forms are then deleted. Refused (null) unless both copies hold
    /// the same forms with no difference and the batch is open; a second accept (or one racing it) writes nothing.
    /// </summary>
    public async Task<int?> AcceptAsync(ClaimsPrincipal user, Questionnaire questionnaire, EntryBatch batch, CancellationToken cancellationToken)
    {
        var layout = await layouts.GetAsync(questionnaire, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // The claim is the transaction's first statement, a write: of accepts racing, one sets AcceptedAt and the others
        // (waiting on the row, or on SQLite's write lock) find it set and write nothing. Rolled back if the check fails.
        var claimed = await db.EntryBatches.Where(b => b.Id == batch.Id && b.AcceptedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.AcceptedAt, now), cancellationToken);
        if (claimed != 1) return null;
        var forms = await db.EntryForms.AsNoTracking().Where(f => f.BatchId == batch.Id).ToListAsync(cancellationToken);
        var comparison = Compare(questionnaire, batch, forms);
        if (!comparison.CanAccept) return null; // disposing the transaction rolls the claim back
        var responses = new List<NewResponse>();
        foreach (var form in forms.Where(f => f.Copy == CopyA).OrderBy(f => f.Number))
        {
            var submission = EntryAnswers.Read(form.Answers);
            if (SubmissionValidator.Validate(questionnaire, submission).Count > 0) return null; // the questionnaire changed since: re-enter the form
            responses.Add(NewResponse.Create(submission, form.FilledOn is { } day ? SubmittedAtOf(day) : now, ResponseMode.Paper));
        }
        await db.EntryBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.AcceptedCount, responses.Count), cancellationToken);
        await ResponseRowWriter.WriteAsync(db, layout, responses, cancellationToken);
        await db.EntryForms.Where(f => f.BatchId == batch.Id).ExecuteDeleteAsync(cancellationToken);
        await audit.AppendAsync(user, AuditActions.EntryBatchAccepted, questionnaire.Id, new { batch = batch.Label, mode = "paper", count = responses.Count }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return responses.Count;
    }
}
