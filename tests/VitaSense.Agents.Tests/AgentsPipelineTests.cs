extern alias agents;

using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.ServiceDefaults.Messaging.Consumers;
using VitaSense.TestSupport;
using static VitaSense.Agents.Tests.InsightsEvents;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary>
/// The agents service with a real Kafka (the engine's mock cluster): events in through a real producer, anomalies and
/// dead letters read back with a real consumer. One agents instance (the collection's) owns the consumer groups.
/// </summary>
[Collection(AgentsServiceCollection.Name)]
public sealed class AgentsPipelineTests(ServiceFactory<AgentsProgram> factory) : AgentsServiceTests(factory)
{
    private static readonly TimeSpan AnomalyTimeout = TimeSpan.FromSeconds(10);

    protected override string? Consumer => DeviceAnomalies;

    [Fact]
    public async Task Low_battery_report_becomes_an_anomaly_event()
    {
        var deviceId = NewId("device");
        var report = StatusEvent(deviceId, battery: 12, online: true);

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, report);

        var anomalies = await Kafka.ReadAsync(Topics.DeviceAnomalies, deviceId, AnomalyTimeout, found => found.Count >= 1);
        var message = Assert.Single(anomalies);
        var anomaly = CloudEventSerializer.Deserialize<DeviceAnomalyDetected>(message.Message.Value);
        Assert.Equal(EventTypes.DeviceAnomalyDetected, anomaly.Type);
        Assert.Equal("/agents", anomaly.Source);
        Assert.Equal(deviceId, anomaly.Subject);
        Assert.Equal(DerivedEventId.Create(report.Source, report.Id, "low_battery"), anomaly.Id);
        Assert.Equal("low_battery", anomaly.Data.AnomalyType);
        Assert.Equal("warning", anomaly.Data.Severity);
        Assert.Equal(report.Data.UserId, anomaly.Data.UserId);
        Assert.Equal(report.Id, anomaly.Data.SourceEventId);
        Assert.Equal(12, anomaly.Data.Values!["battery_level"]);
    }

    [Fact]
    public async Task Offline_report_becomes_an_anomaly_event()
    {
        var deviceId = NewId("device");

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, StatusEvent(deviceId, battery: 80, online: true));
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, StatusEvent(deviceId, battery: 80, online: false, minutes: 1));

        var anomalies = await Kafka.ReadAsync(Topics.DeviceAnomalies, deviceId, AnomalyTimeout, found => found.Count >= 1);
        var anomaly = CloudEventSerializer.Deserialize<DeviceAnomalyDetected>(Assert.Single(anomalies).Message.Value);
        Assert.Equal("device_offline", anomaly.Data.AnomalyType);
    }

    [Fact]
    public async Task Malformed_message_is_dead_lettered_and_consumption_goes_on()
    {
        var badDevice = NewId("device");
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, badDevice, Encoding.UTF8.GetBytes("{ this is not json"));
        var goodDevice = NewId("device");
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, goodDevice, StatusEvent(goodDevice, battery: 3, online: true));

        var deadLetters = await Kafka.ReadAsync(Topics.DeadLetter("agents"), badDevice, AnomalyTimeout, found => found.Count >= 1);
        var deadLetter = Assert.Single(deadLetters);
        Assert.Equal("{ this is not json", Encoding.UTF8.GetString(deadLetter.Message.Value));
        Assert.Equal(Topics.DeviceDataRaw, Header(deadLetter, DeadLetterHeaders.SourceTopic));
        Assert.Equal("agents", Header(deadLetter, DeadLetterHeaders.ConsumerGroup));
        Assert.False(string.IsNullOrWhiteSpace(Header(deadLetter, DeadLetterHeaders.Error)));

        var anomalies = await Kafka.ReadAsync(Topics.DeviceAnomalies, goodDevice, AnomalyTimeout, found => found.Count >= 1);
        var anomaly = CloudEventSerializer.Deserialize<DeviceAnomalyDetected>(Assert.Single(anomalies).Message.Value);
        Assert.Equal("critical", anomaly.Data.Severity);
    }

    [Fact]
    public async Task Event_with_missing_data_fields_is_dead_lettered()
    {
        var deviceId = NewId("device");
        var json = $$$"""{"specversion":"1.0","id":"{{{Guid.NewGuid()}}}","type":"{{{EventTypes.DeviceStatusReported}}}","source":"/ingestion","data":{"device_id":"{{{deviceId}}}"}}""";

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, Encoding.UTF8.GetBytes(json));

        var deadLetters = await Kafka.ReadAsync(Topics.DeadLetter("agents"), deviceId, AnomalyTimeout, found => found.Count >= 1);
        Assert.Single(deadLetters);
    }

    [Fact]
    public async Task Same_event_twice_yields_one_anomaly_id()
    {
        var before = await GetStatusAsync();
        var deviceId = NewId("device");
        var report = StatusEvent(deviceId, battery: 8, online: true);

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, report);
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, report);

        // The second copy has been processed once the duplicate counter moved.
        await WaitForStatusAsync(status => status.GetProperty("duplicates").GetInt64() > before.GetProperty("duplicates").GetInt64());
        var anomalies = await Kafka.ReadAsync(Topics.DeviceAnomalies, deviceId, AnomalyTimeout, found => found.Count >= 1);
        var ids = anomalies.Select(m => CloudEventSerializer.Deserialize<DeviceAnomalyDetected>(m.Message.Value).Id).Distinct().ToList();
        Assert.Equal([DerivedEventId.Create(report.Source, report.Id, "low_battery")], ids);
    }

    [Fact]
    public async Task Status_counts_move()
    {
        var before = await GetStatusAsync();
        var deviceId = NewId("device");
        var unknown = new CloudEvent<object>
        {
            Id = Guid.NewGuid().ToString(),
            Type = "vitasense.something-else.v1",
            Source = "/tests",
            Subject = deviceId,
            Time = DateTimeOffset.UtcNow,
            Data = new { },
        };

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, unknown);
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, StatusEvent(deviceId, battery: 10, online: true));
        await Kafka.ReadAsync(Topics.DeviceAnomalies, deviceId, AnomalyTimeout, found => found.Count >= 1);

        var after = await WaitForStatusAsync(status => Count(status, "consumed", Topics.DeviceDataRaw) >= Count(before, "consumed", Topics.DeviceDataRaw) + 2);
        Assert.True(Count(after, "produced", Topics.DeviceAnomalies) >= Count(before, "produced", Topics.DeviceAnomalies) + 1);
        Assert.True(after.GetProperty("skipped").GetInt64() >= before.GetProperty("skipped").GetInt64() + 1);
        Assert.Equal("running", after.GetProperty("state").GetString());
        Assert.Equal("agents", after.GetProperty("consumer_group").GetString());
        Assert.Equal(JsonValueKind.String, after.GetProperty("last_event_at").ValueKind);
        Assert.Equal(JsonValueKind.String, after.GetProperty("started_at").ValueKind);
    }

    [Fact]
    public async Task Status_requires_an_authenticated_caller()
    {
        using var anonymous = Factory.CreateClient();

        using var response = await anonymous.GetAsync("/agents/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Agents_health_reports_kafka()
    {
        using var anonymous = Factory.CreateClient();

        using var response = await anonymous.GetAsync("/agents/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("healthy", health.RootElement.GetProperty("checks").GetProperty("kafka").GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_agents_endpoints()
    {
        using var anonymous = Factory.CreateClient();

        var document = await anonymous.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/agents/status", document);
    }

    private static CloudEvent<DeviceStatusReported> StatusEvent(string deviceId, int battery, bool online, int minutes = 0)
    {
        var timestamp = DateTimeOffset.UtcNow.AddMinutes(minutes);
        return new CloudEvent<DeviceStatusReported>
        {
            Id = Guid.NewGuid().ToString(),
            Type = EventTypes.DeviceStatusReported,
            Source = "/ingestion",
            Subject = deviceId,
            Time = timestamp,
            Data = new DeviceStatusReported
            {
                UserId = NewId("user"),
                DeviceId = deviceId,
                Timestamp = timestamp,
                BatteryLevel = battery,
                Rssi = -70,
                Online = online,
            },
        };
    }

    private static string? Header(ConsumeResult<string?, byte[]> message, string name) =>
        message.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    private static long Count(JsonElement status, string property, string topic) =>
        status.GetProperty(property).TryGetProperty(topic, out var value) ? value.GetInt64() : 0;

    private Task<JsonElement> GetStatusAsync() => AgentsStatus.GetAsync(Operator);

    private Task<JsonElement> WaitForStatusAsync(Func<JsonElement, bool> condition) => AgentsStatus.WaitForAsync(Operator, condition, AnomalyTimeout);
}
