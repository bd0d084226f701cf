using System.Threading.RateLimiting;
using Survey.Api.Limits;

namespace Survey.Api.Auth;

/// <summary>
/// Limits FAILED organiser authentications per client, whether by the sign-in form or a bearer token: both draw on
/// one fixed window per client (System.Threading.RateLimiting, in memory only, keyed by <see cref="ClientKey"/>, so
/// addresses are neither logged nor stored). Only failures take a permit, so guessing is slow while a street office
/// whose staff all sign in from one address is never locked out by its own successful sign-ins. Once a client has
/// used up its failures, every attempt gets 429 with a Chinese message and Retry-After until the window ends, even
/// with the right secret (otherwise the limit would still confirm a guess).
/// Atomic: a client's attempts are checked one at a time (a per-client concurrency limiter of one, with a queue), so
/// requests in flight together cannot all pass the lock-out check before any of their failures is recorded.
/// </summary>
public sealed class SignInRateLimit : IDisposable
{
    public const string Message = "登录失败次数过多，请稍后再试。";

    /// <summary>Attempts one client may have waiting for their turn; beyond it they are refused as locked out.</summary>
    private const int QueuedAttemptsPerClient = 64;

    private readonly PartitionedRateLimiter<string> failures;
    private readonly PartitionedRateLimiter<string> oneAtATime;

    public SignInRateLimit(SurveyOptions options, ClientKey clients)
    {
        Window = options.SignInWindow;
        Clients = clients;
        failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(
            client, _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInAttempts, Window = options.SignInWindow, QueueLimit = 0 }));
        oneAtATime = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetConcurrencyLimiter(
            client, _ => new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = QueuedAttemptsPerClient, QueueProcessingOrder = QueueProcessingOrder.OldestFirst }));
    }

    public TimeSpan Window { get; }

    private ClientKey Clients { get; }

    public sealed record Outcome<T>(bool LockedOut, T? Result);

    /// <summary>
    /// Runs <paramref name="verify"/> for this client unless it is locked out; a null result is a failure and is
    /// counted before the client's next attempt is let through.
    /// </summary>
    public async Task<Outcome<T>> AttemptAsync<T>(HttpContext context, Func<T?> verify) where T : class
    {
        var client = Clients.Of(context);
        using var turn = await oneAtATime.AcquireAsync(client, 1, context.RequestAborted);
        if (!turn.IsAcquired || failures.GetStatistics(client) is { CurrentAvailablePermits: <= 0 }) return new(true, null);
        var result = verify();
        if (result is null)
        {
            using var failure = failures.AttemptAcquire(client);
        }
        return new(false, result);
    }

    public void SetRetryAfter(HttpResponse response) => TryAgain.SetRetryAfter(response, (int)Window.TotalSeconds);

    public void Dispose()
    {
        failures.Dispose();
        oneAtATime.Dispose();
    }
}
