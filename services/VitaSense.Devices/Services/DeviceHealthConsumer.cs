using Microsoft.Extensions.Options;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.Devices.Infrastructure;
using VitaSense.Devices.Model;
using VitaSense.ServiceDefaults.Messaging.Consumers;

namespace VitaSense.Devices.Services;

/// <summary>
/// Keeps device health current (group <see cref="RegistryOptions.ConsumerGroup"/>, <see cref="ConsumerGroups.Devices"/> by
/// default): status reports and arriving readings from <see cref="Topics.DeviceDataRaw"/>, anomalies from
/// <see cref="Topics.DeviceAnomalies"/>, quality issues from <see cref="Topics.DataQualityIssues"/>, the sync monitor's verdicts
/// from <see cref="Topics.SyncStatus"/>. An event about a
/// device that is not registered, or whose user is not the device's owner, is ignored. Every write is idempotent,
/// so redeliveries change nothing; each applied event drops the device's cached snapshot and its owner's summary.
/// </summary>
public sealed class DeviceHealthConsumer : CloudEventConsumer
{
    private readonly DeviceHealthStore store;
    private readonly DeviceCache cache;
    private readonly TimeProvider time;

    /// <summary>Creates the consumer and registers its handlers.</summary>
    public DeviceHealthConsumer(DeviceHealthStore store, DeviceCache cache, IOptions<RegistryOptions> options, IConfiguration configuration,
        IHostEnvironment environment, TimeProvider timeProvider, ILogger<DeviceHealthConsumer> logger)
        : base(new CloudEventConsumerOptions
        {
            GroupId = options.Value.ConsumerGroup,
            Topics = [Topics.DeviceDataRaw, Topics.DeviceAnomalies, Topics.DataQualityIssues, Topics.SyncStatus],
        }, configuration, environment, timeProvider, logger)
    {
        this.store = store;
        this.cache = cache;
        time = timeProvider;
        Handle<DeviceStatusReported>(EventTypes.DeviceStatusReported, OnStatusAsync);
        Handle<ObservationsIngested>(EventTypes.ObservationsIngested, OnObservationsAsync);
        Handle<DeviceAnomalyDetected>(EventTypes.DeviceAnomalyDetected, OnAnomalyAsync);
        Handle<DataQualityIssueDetected>(EventTypes.DataQualityIssue, OnQualityIssueAsync);
        Handle<SyncStatusChanged>(EventTypes.SyncStatusChanged, OnSyncStatusAsync);
    }

    private async Task OnStatusAsync(CloudEvent<DeviceStatusReported> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var report = cloudEvent.Data;
        if (!Registered(report.DeviceId, report.UserId, out var deviceId))
        {
            return;
        }
        if (await store.ApplyStatusAsync(deviceId, report.UserId, report.Timestamp, report.BatteryLevel, report.Rssi, report.Online, time.GetUtcNow(), cancellationToken))
        {
            await cache.InvalidateAsync(deviceId, report.UserId);
        }
    }

    private async Task OnObservationsAsync(CloudEvent<ObservationsIngested> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var data = cloudEvent.Data;
        if (!Registered(data.DeviceId, data.UserId, out var deviceId) || data.Observations is not { Count: > 0 } observations)
        {
            return;
        }
        var perDay = observations
            .GroupBy(o => DateOnly.FromDateTime(o.Timestamp.UtcDateTime))
            .ToDictionary(g => g.Key, g => g.Count());
        var latest = observations.Max(o => o.Timestamp);
        if (await store.ApplyObservationsAsync($"{EventTypes.ObservationsIngested}:{cloudEvent.Id}", deviceId, data.UserId, latest, perDay, time.GetUtcNow(), cancellationToken))
        {
            await cache.InvalidateAsync(deviceId, data.UserId);
        }
    }

    private async Task OnAnomalyAsync(CloudEvent<DeviceAnomalyDetected> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var anomaly = cloudEvent.Data;
        if (!Registered(anomaly.DeviceId, anomaly.UserId, out var deviceId))
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(anomaly.AnomalyType) || string.IsNullOrWhiteSpace(anomaly.Severity))
        {
            throw new PoisonMessageException("The anomaly event needs an anomaly_type and a severity.");
        }
        var alert = new DeviceAlert(anomaly.AnomalyType, anomaly.Severity, anomaly.Description ?? anomaly.AnomalyType, anomaly.DetectedAt);
        if (await store.AddAlertAsync(cloudEvent.Id, deviceId, anomaly.UserId, alert, cancellationToken))
        {
            await cache.InvalidateAsync(deviceId, anomaly.UserId);
        }
    }

    private async Task OnQualityIssueAsync(CloudEvent<DataQualityIssueDetected> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var issue = cloudEvent.Data;
        if (!Registered(issue.DeviceId, issue.UserId, out var deviceId))
        {
            return;
        }
        var issueId = string.IsNullOrEmpty(issue.IssueId) ? cloudEvent.Id : issue.IssueId;
        await store.CountQualityIssueAsync($"{EventTypes.DataQualityIssue}:{issueId}", deviceId, issue.UserId, issue.IssueType, issue.Severity,
            issue.Timestamp, cancellationToken);
    }

    // The sync monitor's verdict on a device's syncs: a delayed or failing device shows it, with the recovery plan, among
    // its health's warnings (delayed) or errors (failing); a healthy verdict adds nothing and older alerts age out.
    private async Task OnSyncStatusAsync(CloudEvent<SyncStatusChanged> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var status = cloudEvent.Data;
        if (!Registered(status.DeviceId, status.UserId, out var deviceId) || status.Status is not ("delayed" or "failing"))
        {
            return;
        }
        var description = status.Status == "failing"
            ? $"Syncs are failing (last at {status.LastSyncAt:u}): {status.RecoveryPlan}"
            : $"Syncs arrive late ({status.LatencySeconds:0} s behind): {status.RecoveryPlan}";
        var alert = new DeviceAlert($"sync_{status.Status}", status.Status == "failing" ? "critical" : "warning", description, status.OccurredAt);
        if (await store.AddAlertAsync(cloudEvent.Id, deviceId, status.UserId, alert, cancellationToken))
        {
            await cache.InvalidateAsync(deviceId, status.UserId);
        }
    }

    // Only registry ids (UUIDs) can be registered devices; a status of any other device id is not ours to track.
    private static bool Registered(string? deviceId, string? userId, out Guid id)
    {
        id = Guid.Empty;
        return !string.IsNullOrEmpty(userId) && Guid.TryParse(deviceId, out id);
    }
}
