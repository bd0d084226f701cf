using Microsoft.Extensions.Diagnostics.HealthChecks;
using Survey.Api.Results.Engine;

namespace Survey.Api.Health;

/// <summary>
/// Ready only once the stored responses have been read into memory at start-up (<see cref="ResponseSnapshots.Loading"/>):
/// a load balancer should not send organisers to an instance whose first analysis would wait for that read. The
/// check waits a moment for a load that is about to finish (an empty or small database loads in milliseconds).
/// </summary>
public sealed class SnapshotsHealthCheck(ResponseSnapshots snapshots) : IHealthCheck
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await snapshots.Loading.WaitAsync(Wait, cancellationToken);
            return HealthCheckResult.Healthy("stored responses loaded");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy("still reading the stored responses into memory");
        }
    }
}
