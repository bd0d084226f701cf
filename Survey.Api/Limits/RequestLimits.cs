using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Survey.Api.ResidentForm;

namespace Survey.Api.Limits;

/// <summary>
/// The global limits, with ASP.NET Core's rate limiter (README "Limits"). On submissions, in this order:
/// a concurrency limit with a short queue shared by all clients (beyond it: 503 at once, so an overloaded server
/// answers quickly instead of timing out), then a token bucket per client keyed by <see cref="ClientKey"/>
/// (beyond it: 429). On charts: a small concurrency limit (a large PNG is tens of megabytes while it renders).
/// Every refusal says, in Chinese, that nothing was stored and when to try again (Retry-After).
/// </summary>
public static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, SurveyOptions options)
    {
        var clients = new ClientKey();
        services.AddSingleton(clients);
        services.AddSingleton<SubmissionBursts>();
        var perHour = Math.Max(1, options.SubmissionsPerClientPerHour);
        var tokensPerMinute = Math.Max(1, perHour / 60);
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, options.SubmissionBurstPerClient),
            TokensPerPeriod = tokensPerMinute,
            ReplenishmentPeriod = TimeSpan.FromHours(1) * tokensPerMinute / perHour,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        var submissions = new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, options.MaxConcurrentSubmissions),
            QueueLimit = Math.Max(0, options.SubmissionQueue),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
        var charts = new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, options.MaxConcurrentCharts), QueueLimit = 8, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };

        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => KindOf(context) switch
                {
                    ThrottledEndpoint.Kind.Submission or ThrottledEndpoint.Kind.FormSubmission =>
                        RateLimitPartition.GetConcurrencyLimiter("submissions", _ => submissions),
                    ThrottledEndpoint.Kind.Chart => RateLimitPartition.GetConcurrencyLimiter("charts", _ => charts),
                    _ => RateLimitPartition.GetNoLimiter(""),
                }),
                PartitionedRateLimiter.Create<HttpContext, string>(context => KindOf(context) switch
                {
                    ThrottledEndpoint.Kind.Submission or ThrottledEndpoint.Kind.FormSubmission =>
                        RateLimitPartition.GetTokenBucketLimiter(clients.Of(context), _ => bucket),
                    _ => RateLimitPartition.GetNoLimiter(""),
                }));
            limiter.OnRejected = OnRejectedAsync;
        });
    }

    private static ThrottledEndpoint.Kind? KindOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ThrottledEndpoint>()?.What;

    /// <summary>Only the per-client token bucket gives a Retry-After: that refusal is 429; a full queue is 503.</summary>
    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var kind = KindOf(context);
        var tooMany = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
        var seconds = tooMany ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : TryAgain.BusySeconds;
        if (tooMany && context.Request.RouteValues["id"] is string questionnaireId)
            context.RequestServices.GetRequiredService<SubmissionBursts>().RecordRefusal(questionnaireId);

        var status = tooMany ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable;
        TryAgain.SetRetryAfter(context.Response, seconds);
        if (kind == ThrottledEndpoint.Kind.FormSubmission)
        {
            await ResidentFormEndpoints.RefuseAsync(context, status, tooMany ? TryAgain.TooManyDetail(seconds) : TryAgain.BusyDetail, cancellationToken);
            return;
        }
        var problem = tooMany ? TryAgain.TooMany(seconds) : TryAgain.Busy(kind == ThrottledEndpoint.Kind.Chart ? TryAgain.ChartsBusyDetail : null);
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
