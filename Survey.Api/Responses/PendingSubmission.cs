namespace Survey.Api.Responses;

/// <summary>A validated submission waiting for the group-commit writer; <see cref="Stored"/> completes after its commit.</summary>
public sealed record PendingSubmission(Questionnaire Questionnaire, NewResponse Response, IdempotencyKey? Key)
{
    private readonly TaskCompletionSource<StoreResult> done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<StoreResult> Stored => done.Task;

    /// <summary>The invitation code's hash (questionnaires with <c>"access": "codes"</c>): marked used in the response's transaction.</summary>
    public string? CodeHash { get; init; }

    internal void Complete(StoreResult result) => done.TrySetResult(result);

    internal void Fail(Exception exception) => done.TrySetException(exception);
}
