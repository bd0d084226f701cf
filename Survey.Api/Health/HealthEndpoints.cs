using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Survey.Api.Health;

/// <summary>
/// <c>/healthz</c>: liveness, the process answers (no check, so a database outage does not get it restarted).
/// <c>/healthz/ready</c>: readiness for a load balancer, the database answers and questionnaires are loaded (else 503).
/// </summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddSurveyHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<Infrastructure.SurveyDbContext>("database")
            .AddCheck<QuestionnairesHealthCheck>("questionnaires");
        return services;
    }

    public static void MapSurveyHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready");
    }
}
