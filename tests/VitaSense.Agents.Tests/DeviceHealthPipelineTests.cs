extern alias agents;

using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.ServiceDefaults.Messaging.Consumers;
using VitaSense.TestSupport;
using static VitaSense.Agents.Tests.InsightsEvents;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary>The device anomaly agent's drain and signal rules and its silence watch, through a real Kafka.</summary>
[Collection(AgentsServiceCollection.Name)]
public sealed class DeviceHealthPipelineTests(ServiceFactory<AgentsProgram> factory) : AgentsServiceTests(factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    protected override string? Consumer => DeviceAnomalies;

    [Fact]
    public async Task Fast_battery_drain_and_falling_signal_become_anomaly_events()
    {
        var deviceId = "device-" + Guid.NewGuid().ToString("N");
        var userId = NewId("user");
        var reports = new[] { (0, 90, -80), (20, 84, -88), (40, 78, -95) }
            .Select(r => StatusEvent(userId, deviceId, r.Item1, r.Item2, r.Item3))
            .ToList();

        foreach (var report in reports)
        {
            await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, report);
        }

        var anomalies = (await Kafka.ReadAsync(Topics.DeviceAnomalies, deviceId, Timeout, found => found.Count >= 2))
            .Select(m => CloudEventSerializer.Deserialize<DeviceAnomalyDetected>(m.Message.Value))
            .ToList();
        var drain = Assert.Single(anomalies, a => a.Data.AnomalyType == "battery_drain");
        // 6 points in 20 minutes: 18 an hour.
        Assert.Equal(18, drain.Data.Values!["drain_rate_per_hour"]);
        Assert.Equal(DerivedEventId.Create(reports[1].Source, reports[1].Id, "battery_drain"), drain.Id);
        var signal = Assert.Single(anomalies, a => a.Data.AnomalyType == "signal_degradation");
        Assert.Equal(-95, signal.Data.Values!["rssi"]);
        Assert.Equal(DerivedEventId.Create(reports[2].Source, reports[2].Id, "signal_degradation"), signal.Id);
        Assert.Equal(2, anomalies.Count);
    }

    [Fact]
    public async Task Readings_of_a_registered_device_put_it_under_watch_for_silence()
    {
        var before = await AgentsStatus.GetAsync(Operator);
        var deviceId = "device-" + Guid.NewGuid().ToString("N");
        var readings = new CloudEvent<ObservationsIngested>
        {
            Id = Guid.NewGuid().ToString(),
            Type = EventTypes.ObservationsIngested,
            Source = "/ingestion",
            Subject = deviceId,
            Time = DateTimeOffset.UtcNow,
            Data = new ObservationsIngested
            {
                UserId = NewId("user"),
                Metric = "heart_rate",
                Source = deviceId,
                DeviceId = deviceId,
                Origin = "device_upload",
                Observations = [new ObservationPoint { Timestamp = DateTimeOffset.UtcNow, Value = 61 }],
            },
        };

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, readings);

        await AgentsStatus.WaitForAsync(Operator,
            status => status.GetProperty("watched_devices").GetInt32() > before.GetProperty("watched_devices").GetInt32(), Timeout);
    }

    private static CloudEvent<DeviceStatusReported> StatusEvent(string userId, string deviceId, int minutes, int battery, int rssi)
    {
        var timestamp = new DateTimeOffset(2025, 6, 2, 6, 0, 0, TimeSpan.Zero).AddMinutes(minutes);
        return new CloudEvent<DeviceStatusReported>
        {
            Id = Guid.NewGuid().ToString(),
            Type = EventTypes.DeviceStatusReported,
            Source = "/ingestion",
            Subject = deviceId,
            Time = timestamp,
            Data = new DeviceStatusReported
            {
                UserId = userId,
                DeviceId = deviceId,
                Timestamp = timestamp,
                BatteryLevel = battery,
                Rssi = rssi,
                Online = true,
            },
        };
    }
}
