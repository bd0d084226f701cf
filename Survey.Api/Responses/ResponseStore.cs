using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Survey.Api.Infrastructure;
using Survey.Api.Model;
using Survey.Core.Patterns;

namespace Survey.Api.Responses;

/// <summary>
/// Stores a validated submission: one response row (every choice answer in its compact pattern), one row per text,
/// and the idempotency record, in one transaction (<see cref="ResponseWriter"/>), so a 201 is only returned once
/// everything is durable.
/// </summary>
public sealed class ResponseStore(SurveyDbContext db, AnswerLayouts layouts, TimeProvider clock)
{
    public async Task<StoreResult> SaveAsync(Questionnaire questionnaire, ResponseSubmission submission, string? idempotencyKey, CancellationToken cancellationToken)
    {
        string? keyHash = null;
        string? requestHash = null;
        if (idempotencyKey is not null)
        {
            keyHash = Sha256Hex($"{questionnaire.Id}\n{idempotencyKey}");
            requestHash = Sha256Hex(CanonicalForm(submission));
            if (await FindPreviousAsync(keyHash, requestHash, cancellationToken) is { } previous) return previous;
        }

        var response = BuildResponse(questionnaire, await layouts.GetAsync(questionnaire, cancellationToken), submission);
        IdempotencyRecord[] keys = keyHash is null ? [] : [new IdempotencyRecord { KeyHash = keyHash, RequestHash = requestHash!, ResponseId = response.Id }];
        try
        {
            await ResponseWriter.WriteAsync(db, questionnaire.Id, [response], keys, cancellationToken);
        }
        catch (DbUpdateException) when (keyHash is not null)
        {
            // A concurrent retry with the same key won the insert: answer as that one did.
            db.ChangeTracker.Clear();
            if (await FindPreviousAsync(keyHash, requestHash!, cancellationToken) is { } previous) return previous;
            throw;
        }
        return new StoreResult(StoreOutcome.Created, response.Id);
    }

    private async Task<StoreResult?> FindPreviousAsync(string keyHash, string requestHash, CancellationToken cancellationToken)
    {
        var record = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.KeyHash == keyHash, cancellationToken);
        if (record is null) return null;
        return new StoreResult(record.RequestHash == requestHash ? StoreOutcome.Replayed : StoreOutcome.KeyReusedWithDifferentBody, record.ResponseId);
    }

    private SurveyResponse BuildResponse(Questionnaire questionnaire, AnswerLayout layout, ResponseSubmission submission)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var response = new SurveyResponse
        {
            Id = Guid.NewGuid(),
            QuestionnaireId = questionnaire.Id,
            QuestionnaireVersion = questionnaire.Version,
            // Rounded down to the minute: enough for date filters, less to identify anyone by.
            SubmittedAt = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc),
            Patterns = layout.Encode(submission.Answers),
        };
        foreach (var question in questionnaire.Questions)
        {
            if (submission.OtherText.TryGetValue(question.Id, out var other) && other.Length > 0)
                response.Texts.Add(new ResponseText
                {
                    QuestionnaireId = questionnaire.Id, QuestionId = question.Id,
                    OptionId = question.OptionList.First(o => o.AllowsText).Id, Text = other,
                });
            if (submission.Text.TryGetValue(question.Id, out var text) && !string.IsNullOrWhiteSpace(text))
                response.Texts.Add(new ResponseText { QuestionnaireId = questionnaire.Id, QuestionId = question.Id, Text = text });
        }
        return response;
    }

    /// <summary>The submission with keys and option ids sorted, so the same answers hash the same whatever the JSON order.</summary>
    public static string CanonicalForm(ResponseSubmission submission) => JsonSerializer.Serialize(new
    {
        answers = submission.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new { q = a.Key, o = a.Value.Order(StringComparer.Ordinal) }),
        other = submission.OtherText.Where(t => t.Value.Length > 0).OrderBy(t => t.Key, StringComparer.Ordinal),
        text = submission.Text.Where(t => t.Value.Length > 0).OrderBy(t => t.Key, StringComparer.Ordinal),
    });

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
