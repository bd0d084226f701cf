using Survey.Api.Model;

namespace Survey.Api.Responses;

/// <summary>
/// Stores a validated submission through the instance's <see cref="GroupCommitWriter"/>: the response, its rows
/// and its idempotency record are committed (possibly together with other submissions) before the result is
/// returned, so a 201 is only ever sent for a durable response.
/// </summary>
public sealed class ResponseStore(GroupCommitWriter writer, TimeProvider clock)
{
    /// <param name="codeHash">For a questionnaire with invitation codes: the code's hash, marked used in the same transaction.</param>
    public Task<StoreResult> SaveAsync(Questionnaire questionnaire, ResponseSubmission submission, string? idempotencyKey, CancellationToken cancellationToken,
        string? codeHash = null) =>
        SaveAsync(questionnaire, submission, idempotencyKey, ResponseMode.Web, null, cancellationToken, codeHash);

    /// <param name="mode">Paper for data entry.</param>
    /// <param name="submittedAtUtc">The time to record (a paper form's own date); null: now.</param>
    public Task<StoreResult> SaveAsync(Questionnaire questionnaire, ResponseSubmission submission, string? idempotencyKey,
        ResponseMode mode, DateTime? submittedAtUtc, CancellationToken cancellationToken, string? codeHash = null) =>
        writer.StoreAsync(new PendingSubmission(questionnaire, NewResponse.Create(submission, submittedAtUtc ?? clock.GetUtcNow().UtcDateTime, mode),
            idempotencyKey is null ? null : IdempotencyKey.For(questionnaire.Id, idempotencyKey, submission)) { CodeHash = codeHash }, cancellationToken);
}
