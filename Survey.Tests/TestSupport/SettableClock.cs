namespace Survey.Tests.TestSupport;

/// <summary>A clock the test sets (the application reads time only through <see cref="TimeProvider"/>).</summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
