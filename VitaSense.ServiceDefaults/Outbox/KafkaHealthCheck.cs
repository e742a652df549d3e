using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VitaSense.ServiceDefaults.Messaging;

namespace VitaSense.ServiceDefaults.Outbox;

/// <summary>
/// Ready when a Kafka broker answers a metadata request. A producer with an outbox keeps accepting writes while
/// Kafka is down, so it registers this check as degraded-on-failure.
/// </summary>
public sealed class KafkaHealthCheck(IConfiguration configuration) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> admin = new(() => new AdminClientBuilder(KafkaClientConfig.Admin(configuration)).Build());

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var metadata = await Task.Run(() => admin.Value.GetMetadata(TimeSpan.FromSeconds(3)), cancellationToken);
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, "No Kafka broker is available.");
        }
        catch (KafkaException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Kafka is unreachable.", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (admin.IsValueCreated)
        {
            admin.Value.Dispose();
        }
    }
}
