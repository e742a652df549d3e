using Microsoft.Extensions.Options;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging.Consumers;
using VitaSense.Tracking.Infrastructure;
using VitaSense.Tracking.Model.Analytics;

namespace VitaSense.Tracking.Services.Analytics;

/// <summary>
/// Keeps <c>tracking.anomalies</c> from the agents' <see cref="Topics.DeviceAnomalies"/> (group
/// <see cref="AnomalyConsumerOptions.ConsumerGroup"/>), one row per event id: a redelivered or replayed event stores nothing.
/// </summary>
public sealed class AnomalyConsumer : CloudEventConsumer
{
    private readonly AnalyticsAnomalyStore store;

    /// <summary>Creates the consumer and registers its handler.</summary>
    public AnomalyConsumer(AnalyticsAnomalyStore store, IOptions<AnomalyConsumerOptions> options, IConfiguration configuration, IHostEnvironment environment,
        TimeProvider timeProvider, ILogger<AnomalyConsumer> logger)
        : base(new CloudEventConsumerOptions { GroupId = options.Value.ConsumerGroup, Topics = [Topics.DeviceAnomalies] }, configuration, environment, timeProvider, logger)
    {
        this.store = store;
        Handle<DeviceAnomalyDetected>(EventTypes.DeviceAnomalyDetected, OnAnomalyAsync);
    }

    private async Task OnAnomalyAsync(CloudEvent<DeviceAnomalyDetected> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var finding = cloudEvent.Data;
        if (string.IsNullOrWhiteSpace(finding.UserId) || string.IsNullOrWhiteSpace(finding.AnomalyType) || string.IsNullOrWhiteSpace(cloudEvent.Id))
        {
            throw new PoisonMessageException("The anomaly event needs an id, a user_id and an anomaly_type.");
        }
        var anomaly = new Anomaly
        {
            AnomalyId = cloudEvent.Id,
            DeviceId = finding.DeviceId,
            AnomalyType = finding.AnomalyType,
            Severity = finding.Severity,
            Description = finding.Description,
            DetectedAt = finding.DetectedAt,
            Value = finding.Values?.TryGetValue("value", out var value) == true ? value : null,
            Values = finding.Values,
        };
        if (!await store.AddAsync(finding.UserId, anomaly, cancellationToken))
        {
            Statistics.RecordDuplicate();
        }
    }
}
