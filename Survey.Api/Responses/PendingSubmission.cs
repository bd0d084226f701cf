namespace Survey.Api.Responses;

/// <summary>A validated submission waiting for the group-commit writer; <see cref="Stored"/> completes after its commit.</summary>
public sealed record PendingSubmission(Questionnaire Questionnaire, NewResponse Response, IdempotencyKey? Key)
{
    // Continuations run synchronously, on the writer that commits: the request resumes there and writes its 201 at
    // once, instead of being queued to the thread pool and waking another thread for each submission of the batch
    // (with ~2 submissions per batch at 8 connections, those hand-offs were a large part of the server's CPU per
    // stored response: kernel context switches). What runs there is the rest of a request (its result, a few
    // microseconds of serialising); the writer holds no connection or lock by then (GroupCommitWriter.Answer).
    private readonly TaskCompletionSource<StoreResult> done = new();

    public Task<StoreResult> Stored => done.Task;

    /// <summary>The invitation code's hash (questionnaires with <c>"access": "codes"</c>): marked used in the response's transaction.</summary>
    public string? CodeHash { get; init; }

    internal void Complete(StoreResult result) => done.TrySetResult(result);

    internal void Fail(Exception exception) => done.TrySetException(exception);
}
