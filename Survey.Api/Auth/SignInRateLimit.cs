using System.Threading.RateLimiting;

namespace Survey.Api.Auth;

/// <summary>
/// Limits FAILED sign-ins per client address (a fixed window from System.Threading.RateLimiting, in memory only:
/// addresses are neither logged nor stored). Only failures take a permit, so guessing the token or a password is
/// slow while a street office whose staff all sign in from one address is never locked out by its own successful
/// sign-ins. Once a client has used up its failures, every attempt gets 429 with a Chinese message and Retry-After
/// until the window ends, even with the right password (otherwise the limit would still confirm a guess).
/// </summary>
public sealed class SignInRateLimit : IDisposable
{
    public const string Message = "登录失败次数过多，请稍后再试。";

    private readonly PartitionedRateLimiter<string> failures;

    public SignInRateLimit(SurveyOptions options)
    {
        Window = options.SignInWindow;
        failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(
            client, _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInAttempts, Window = options.SignInWindow, QueueLimit = 0 }));
    }

    public TimeSpan Window { get; }

    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public bool IsLockedOut(string client) => failures.GetStatistics(client) is { CurrentAvailablePermits: <= 0 };

    public void RecordFailure(string client)
    {
        using var lease = failures.AttemptAcquire(client);
    }

    public void Dispose() => failures.Dispose();
}
