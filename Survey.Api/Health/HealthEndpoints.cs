using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Survey.Api.Health;

/// <summary>
/// <c>/healthz</c>: liveness, the process answers (no check, so a database outage does not get it restarted).
/// <c>/healthz/ready</c>: readiness for a load balancer, the database answers, questionnaires are loaded and the stored
/// responses have been read into memory (else 503).
/// </summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddSurveyHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            // A query, not only a connection: a database that accepts connections but cannot answer is not ready.
            .AddDbContextCheck<Infrastructure.SurveyDbContext>("database", customTestQuery: async (db, cancellationToken) =>
            {
                await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
                return true;
            })
            .AddCheck<QuestionnairesHealthCheck>("questionnaires")
            .AddCheck<SnapshotsHealthCheck>("snapshots");
        return services;
    }

    public static void MapSurveyHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready");
    }
}
