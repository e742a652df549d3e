using Microsoft.Extensions.Diagnostics.HealthChecks;
using VitaSense.Ingestion.Services.Devices;
using VitaSense.ServiceDefaults.Messaging.Consumers;

namespace VitaSense.Ingestion.Infrastructure;

/// <summary>Reports the device-owner consumer stopped on an error it could not recover from: owner changes no longer arrive.</summary>
public sealed class DeviceOwnerConsumerHealthCheck(DeviceOwnerConsumer consumer) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(consumer.Statistics.State switch
        {
            ConsumerState.Faulted => new HealthCheckResult(context.Registration.FailureStatus, "The device-owner consumer stopped on an error; see the logs."),
            ConsumerState.Stopped => HealthCheckResult.Degraded("The device-owner consumer is stopped."),
            _ => HealthCheckResult.Healthy(),
        });
}
