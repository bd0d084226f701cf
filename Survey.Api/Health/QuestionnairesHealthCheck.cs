using Microsoft.Extensions.Diagnostics.HealthChecks;
using Survey.Core.Questionnaires;

namespace Survey.Api.Health;

/// <summary>Ready only when at least one questionnaire loaded: a server with none can take no submissions.</summary>
public sealed class QuestionnairesHealthCheck(QuestionnaireCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.All.Count > 0
            ? HealthCheckResult.Healthy($"{catalog.All.Count} questionnaire(s)")
            : HealthCheckResult.Unhealthy($"no questionnaire loaded ({catalog.Rejected.Count} file(s) rejected)"));
}
