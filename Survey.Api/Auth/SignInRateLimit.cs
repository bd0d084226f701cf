using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Survey.Api.Auth;

/// <summary>
/// Limits sign-in attempts per client address (fixed window, in memory only: addresses are neither logged nor
/// stored). Every POST to the sign-in form counts, so guessing the token or a password is slow; an organiser who
/// mistypes a few times is not locked out for long. Over the limit: 429 with a Chinese message and Retry-After.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";
    public const string Message = "登录失败次数过多，请稍后再试。";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, SurveyOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                response.ContentType = "text/plain; charset=utf-8";
                response.Headers.RetryAfter = ((int)options.SignInWindow.TotalSeconds).ToString();
                await response.WriteAsync(Message, cancellationToken);
            };
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInAttempts, Window = options.SignInWindow, QueueLimit = 0 }));
        });
        return services;
    }
}
