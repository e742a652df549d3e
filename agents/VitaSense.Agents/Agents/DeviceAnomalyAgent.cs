using Microsoft.Extensions.Options;
using VitaSense.Agents.Infrastructure;
using VitaSense.Agents.Model;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging.Consumers;

namespace VitaSense.Agents.Agents;

/// <summary>
/// Consumes device status reports from <see cref="Topics.DeviceDataRaw"/> (group <c>agents</c>), runs
/// <see cref="DeviceAnomalyRule"/> and publishes what it finds to <see cref="Topics.DeviceAnomalies"/>.
/// An anomaly's id is derived from its source event and type, so a redelivered report republishes the same ids
/// and downstream dedupes them; recently processed ids are also remembered to skip redeliveries outright.
/// </summary>
public sealed class DeviceAnomalyAgent : CloudEventConsumer
{
    /// <summary>The agents' consumer group.</summary>
    public const string ConsumerGroup = ConsumerGroups.Agents;

    /// <summary>The CloudEvents source of everything the agents publish.</summary>
    public const string EventSource = "/agents";

    private readonly DeviceAnomalyRule rule;
    private readonly LruCache<(string UserId, string DeviceId), DeviceState> devices;
    private readonly LruCache<string, bool> processedEvents;

    /// <summary>Creates the agent and registers its handler.</summary>
    public DeviceAnomalyAgent(IOptions<AgentsOptions> options, IConfiguration configuration, IHostEnvironment environment, TimeProvider timeProvider, ILogger<DeviceAnomalyAgent> logger)
        : base(new CloudEventConsumerOptions { GroupId = ConsumerGroup, Topics = [Topics.DeviceDataRaw] }, configuration, environment, timeProvider, logger)
    {
        var settings = options.Value;
        rule = new DeviceAnomalyRule(settings.LowBatteryThreshold, settings.CriticalBatteryThreshold);
        devices = new LruCache<(string, string), DeviceState>(settings.DeviceStateCapacity);
        processedEvents = new LruCache<string, bool>(settings.ProcessedEventCapacity);
        Handle<DeviceStatusReported>(EventTypes.DeviceStatusReported, OnStatusReportedAsync);
    }

    /// <summary>Devices whose last state is held in memory.</summary>
    public int TrackedDevices => devices.Count;

    private async Task OnStatusReportedAsync(CloudEvent<DeviceStatusReported> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var eventKey = $"{cloudEvent.Source}\n{cloudEvent.Id}";
        if (processedEvents.TryGet(eventKey, out _))
        {
            Statistics.RecordDuplicate();
            return;
        }

        var status = cloudEvent.Data;
        if (string.IsNullOrWhiteSpace(status.UserId) || string.IsNullOrWhiteSpace(status.DeviceId) || status.BatteryLevel is < 0 or > 100)
        {
            throw new PoisonMessageException("The status report needs a user_id, a device_id and a battery_level from 0 to 100.");
        }

        var deviceKey = (status.UserId, status.DeviceId);
        var previous = devices.TryGet(deviceKey, out var known) ? known : null;
        var evaluation = rule.Evaluate(status, previous);
        foreach (var finding in evaluation.Findings)
        {
            await PublishAsync(Topics.DeviceAnomalies, status.DeviceId, new CloudEvent<DeviceAnomalyDetected>
            {
                Id = DerivedEventId.Create(cloudEvent.Source, cloudEvent.Id, finding.AnomalyType),
                Type = EventTypes.DeviceAnomalyDetected,
                Source = EventSource,
                Subject = status.DeviceId,
                // The observation's time, not the clock's: reprocessing must produce the same event.
                Time = status.Timestamp,
                Data = new DeviceAnomalyDetected
                {
                    UserId = status.UserId,
                    DeviceId = status.DeviceId,
                    AnomalyType = finding.AnomalyType,
                    Severity = finding.Severity,
                    Description = finding.Description,
                    DetectedAt = status.Timestamp,
                    SourceEventId = cloudEvent.Id,
                    Values = finding.Values,
                },
            }, cancellationToken);
        }

        // Only once everything is acknowledged: a failure above retries the report from the same previous state.
        devices.Set(deviceKey, evaluation.State);
        processedEvents.Set(eventKey, true);
    }
}
