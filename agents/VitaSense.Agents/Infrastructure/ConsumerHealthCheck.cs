using Microsoft.Extensions.Diagnostics.HealthChecks;
using VitaSense.ServiceDefaults.Messaging.Consumers;

namespace VitaSense.Agents.Infrastructure;

/// <summary>Unhealthy when the agent's consume loop has stopped on an error it could not recover from.</summary>
/// <typeparam name="TConsumer">The agent checked.</typeparam>
public sealed class ConsumerHealthCheck<TConsumer>(TConsumer agent) : IHealthCheck where TConsumer : CloudEventConsumer
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(agent.Statistics.State switch
        {
            ConsumerState.Faulted => new HealthCheckResult(context.Registration.FailureStatus, "The consumer stopped on an error; see the logs."),
            ConsumerState.Stopped => HealthCheckResult.Degraded("The consumer is stopped."),
            _ => HealthCheckResult.Healthy(),
        });
}
