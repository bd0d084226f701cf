using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Survey.Api.Limits;

/// <summary>
/// A database that is down, restarting or recovering answers 503 with Retry-After, never 500: the client learns
/// that nothing was stored and may send it again (with the same Idempotency-Key, it is stored at most once).
/// Logged as one warning line without the stack trace: an outage is an operator's event, not a bug.
/// </summary>
public sealed class DatabaseOutage(IProblemDetailsService problems, ILogger<DatabaseOutage> logger) : IExceptionHandler
{
    /// <summary>Any failure talking to the database (EF wraps them; Npgsql and SQLite raise DbException subclasses).</summary>
    public static bool Is(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
            if (current is DbException or TimeoutException or System.Net.Sockets.SocketException) return true;
        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!Is(exception) || context.Response.HasStarted) return false;
        logger.LogWarning("Database unavailable, answered 503 to {Method} {Path}: {Message}",
            context.Request.Method, context.Request.Path, Innermost(exception).Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        TryAgain.SetRetryAfter(context.Response, TryAgain.BusySeconds);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = HttpMethods.IsPost(context.Request.Method) ? TryAgain.Busy() : TryAgain.Unavailable(),
            Exception = exception,
        });
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null) exception = exception.InnerException;
        return exception;
    }
}
