using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace VitaSense.Gateway.Infrastructure;

/// <summary>
/// Readiness of one downstream cluster: healthy when at least one of its resolved destinations answers
/// <c>/alive</c>. The gateway registers it as degraded-on-failure: a dead service must show on the dashboard, but
/// must not take the gateway (and every other route) out of rotation.
/// </summary>
public sealed class ClusterAliveHealthCheck(string clusterId, IProxyStateLookup proxyState) : IHealthCheck
{
    // Deliberately not a factory client: the default resilience handler would retry a dead service for half a
    // minute, while a probe must answer within the health check's timeout.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = TimeSpan.FromSeconds(3),
    };

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!proxyState.TryGetCluster(clusterId, out var cluster) || cluster.Destinations.IsEmpty)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Cluster '{clusterId}' has no destinations.");
        }

        var failures = new List<string>();
        foreach (var destination in cluster.Destinations.Values)
        {
            var alive = new Uri(new Uri(destination.Model.Config.Address), Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath);
            try
            {
                using var response = await Client.GetAsync(alive, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return HealthCheckResult.Healthy();
                }
                failures.Add($"{alive} answered {(int)response.StatusCode}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{alive} did not answer");
            }
        }

        return new HealthCheckResult(context.Registration.FailureStatus, string.Join("; ", failures));
    }
}
