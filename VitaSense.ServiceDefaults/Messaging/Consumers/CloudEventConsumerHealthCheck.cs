using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VitaSense.ServiceDefaults.Messaging.Consumers;

/// <summary>
/// Reports a consumer whose loop stopped on an error it could not recover from (the registration's failure status)
/// or that is stopped (degraded): its events are no longer being processed.
/// </summary>
/// <typeparam name="TConsumer">The consumer checked, registered as a singleton.</typeparam>
public sealed class CloudEventConsumerHealthCheck<TConsumer>(TConsumer consumer) : IHealthCheck where TConsumer : CloudEventConsumer
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(consumer.Statistics.State switch
        {
            ConsumerState.Faulted => new HealthCheckResult(context.Registration.FailureStatus, $"{typeof(TConsumer).Name} stopped on an error; see the logs."),
            ConsumerState.Stopped => HealthCheckResult.Degraded($"{typeof(TConsumer).Name} is stopped."),
            _ => HealthCheckResult.Healthy(),
        });
}
