using System.Globalization;
using Microsoft.Extensions.Options;
using VitaSense.Agents.Calibration;
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
/// <para>Also: every status report and readings event of a registered device marks it heard from
/// (<see cref="DeviceSilenceMonitor"/>); every <see cref="AgentsOptions.SilenceCheckInterval"/> a timer publishes
/// <c>device_silent</c> for each device silent longer than expected, once per silence, with an id derived from the
/// device and its last event so a re-check or a restart that finds the same silence publishes the same id (the watch is
/// memory only: after a restart a device is watched again once heard from). A
/// <see cref="CalibrationChanged"/> to <c>drifting</c> on <see cref="Topics.CalibrationEvents"/> becomes
/// <c>calibration_drift</c>.</para>
/// </summary>
public sealed class DeviceAnomalyAgent : CloudEventConsumer
{
    /// <summary>The agents' consumer group.</summary>
    public const string ConsumerGroup = ConsumerGroups.Agents;

    /// <summary>The CloudEvents source of everything the agents publish.</summary>
    public const string EventSource = "/agents";

    private readonly DeviceAnomalyRule rule;
    private readonly DeviceSilenceMonitor silence;
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan silenceCheckInterval;
    private readonly LruCache<(string UserId, string DeviceId), DeviceState> devices;
    private readonly LruCache<string, bool> processedEvents;

    /// <summary>Creates the agent and registers its handler.</summary>
    public DeviceAnomalyAgent(IOptions<AgentsOptions> options, IConfiguration configuration, IHostEnvironment environment, TimeProvider timeProvider, ILogger<DeviceAnomalyAgent> logger)
        : base(new CloudEventConsumerOptions { GroupId = ConsumerGroup, Topics = [Topics.DeviceDataRaw, Topics.CalibrationEvents] }, configuration, environment, timeProvider, logger)
    {
        var settings = options.Value;
        rule = new DeviceAnomalyRule(
            settings.LowBatteryThreshold,
            settings.CriticalBatteryThreshold,
            settings.BatteryDrainThreshold,
            settings.BatteryDrainMinSpan,
            settings.BatteryDrainWindow,
            settings.SignalThreshold,
            settings.SignalReports);
        devices = new LruCache<(string, string), DeviceState>(settings.DeviceStateCapacity);
        processedEvents = new LruCache<string, bool>(settings.ProcessedEventCapacity);
        silence = new DeviceSilenceMonitor(timeProvider, settings.SilenceThreshold, settings.SilenceIntervalFactor, settings.DeviceStateCapacity);
        this.timeProvider = timeProvider;
        silenceCheckInterval = settings.SilenceCheckInterval;
        Handle<DeviceStatusReported>(EventTypes.DeviceStatusReported, OnStatusReportedAsync);
        Handle<ObservationsOrigin>(EventTypes.ObservationsIngested, OnObservationsIngestedAsync);
        Handle<CalibrationChanged>(EventTypes.CalibrationChanged, OnCalibrationChangedAsync);
    }

    /// <summary>Devices whose last state is held in memory.</summary>
    public int TrackedDevices => devices.Count;

    /// <summary>Devices watched for silence.</summary>
    public int WatchedDevices => silence.Count;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The watch lives as long as the consumer: a consumer that stopped on an error must still stop the service.
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var watch = WatchSilenceAsync(watching.Token);
        try
        {
            await base.ExecuteAsync(stoppingToken);
        }
        finally
        {
            await watching.CancelAsync();
            await watch;
        }
    }

    /// <summary>Publishes <c>device_silent</c> for every device silent longer than expected and not reported yet.</summary>
    public async Task<int> ReportSilentDevicesAsync(CancellationToken cancellationToken)
    {
        var reported = 0;
        foreach (var device in silence.FindSilent())
        {
            var detectedAt = timeProvider.GetUtcNow();
            await PublishAsync(Topics.DeviceAnomalies, device.DeviceId, new CloudEvent<DeviceAnomalyDetected>
            {
                // The silence is identified by the device's last event: finding it again yields the same id.
                Id = DerivedEventId.Create(EventSource, AnomalyFinding.DeviceSilent, device.UserId, device.DeviceId,
                    device.LastEventAt.UtcTicks.ToString(CultureInfo.InvariantCulture)),
                Type = EventTypes.DeviceAnomalyDetected,
                Source = EventSource,
                Subject = device.DeviceId,
                Time = detectedAt,
                Data = new DeviceAnomalyDetected
                {
                    UserId = device.UserId,
                    DeviceId = device.DeviceId,
                    AnomalyType = AnomalyFinding.DeviceSilent,
                    Severity = "warning",
                    Description = string.Create(CultureInfo.InvariantCulture,
                        $"Device {device.DeviceId} has not been heard from for {device.SilentFor.TotalMinutes:0} minutes (expected within {device.Expected.TotalMinutes:0})."),
                    DetectedAt = detectedAt,
                    Values = new Dictionary<string, double>
                    {
                        ["silent_seconds"] = Math.Round(device.SilentFor.TotalSeconds),
                        ["expected_seconds"] = Math.Round(device.Expected.TotalSeconds),
                    },
                },
            }, cancellationToken);
            silence.MarkReported(device);
            reported++;
        }
        return reported;
    }

    private async Task WatchSilenceAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(silenceCheckInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ReportSilentDevicesAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Kafka unreachable or the consumer not started yet: the silences stay unreported until the next tick.
                    Logger.LogWarning(ex, "Could not report silent devices; retrying in {Interval}", silenceCheckInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private Task OnObservationsIngestedAsync(CloudEvent<ObservationsOrigin> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(cloudEvent.Data.UserId) && !string.IsNullOrWhiteSpace(cloudEvent.Data.DeviceId))
        {
            silence.Seen(cloudEvent.Data.UserId, cloudEvent.Data.DeviceId, cloudEvent.Time);
        }
        return Task.CompletedTask;
    }

    private async Task OnCalibrationChangedAsync(CloudEvent<CalibrationChanged> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var change = cloudEvent.Data;
        if (change.Status != CalibrationStatus.Drifting || string.IsNullOrWhiteSpace(change.UserId))
        {
            return;
        }
        var deviceId = change.DeviceId ?? change.Source;
        await PublishAsync(Topics.DeviceAnomalies, deviceId, new CloudEvent<DeviceAnomalyDetected>
        {
            Id = DerivedEventId.Create(cloudEvent.Source, cloudEvent.Id, AnomalyFinding.CalibrationDrift),
            Type = EventTypes.DeviceAnomalyDetected,
            Source = EventSource,
            Subject = deviceId,
            Time = change.OccurredAt,
            Data = new DeviceAnomalyDetected
            {
                UserId = change.UserId,
                DeviceId = deviceId,
                AnomalyType = AnomalyFinding.CalibrationDrift,
                Severity = "warning",
                Description = string.Create(CultureInfo.InvariantCulture,
                    $"The {change.Metric} readings of device {deviceId} are off {change.ReferenceSource}'s by a factor of {change.Factor:0.###} over {change.Pairs} pairs; recalibrate it."),
                DetectedAt = change.OccurredAt,
                SourceEventId = cloudEvent.Id,
                Values = new Dictionary<string, double>
                {
                    ["factor"] = change.Factor,
                    ["confidence"] = change.Confidence,
                    ["pairs"] = change.Pairs,
                },
            },
        }, cancellationToken);
    }

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

        silence.Seen(status.UserId, status.DeviceId, status.Timestamp);
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
