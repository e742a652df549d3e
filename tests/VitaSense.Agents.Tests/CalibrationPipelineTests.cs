extern alias agents;

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VitaSense.Agents.Agents;
using VitaSense.Agents.Calibration;
using VitaSense.Agents.Model;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.ServiceDefaults.Messaging.Consumers;
using VitaSense.TestSupport;
using static VitaSense.Agents.Tests.InsightsEvents;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary>
/// The calibration agent with a real Kafka and PostgreSQL: processed readings of two devices of one user in on
/// <c>device-data-processed</c>, the calibration change read back from <c>calibration-events</c>, the drift from
/// <c>device-anomalies</c> and the factors from the calibration endpoints.
/// </summary>
[Collection(AgentsServiceCollection.Name)]
public sealed class CalibrationPipelineTests(ServiceFactory<AgentsProgram> factory) : AgentsServiceTests(factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly DateTimeOffset T0 = new(2025, 6, 2, 6, 0, 0, TimeSpan.Zero);

    protected override string? Consumer => "calibration";

    [Fact]
    public async Task A_device_reading_ten_percent_high_is_announced_as_drifting()
    {
        var userId = NewId("user");
        var strap = "strap-" + Guid.NewGuid().ToString("N");
        var watch = "watch-" + Guid.NewGuid().ToString("N");
        // Keyed by user, as one partition: the strap is seen first and becomes the reference.
        await Kafka.ProduceAsync(Topics.DeviceDataProcessed, userId, ProcessedEvent(userId, strap, i => 60 + i % 7));
        var biased = ProcessedEvent(userId, watch, i => (60 + i % 7) * 1.1);
        await Kafka.ProduceAsync(Topics.DeviceDataProcessed, userId, biased);

        var message = Assert.Single(await Kafka.ReadAsync(Topics.CalibrationEvents, watch, Timeout, found => found.Count >= 1));
        var changed = CloudEventSerializer.Deserialize<CalibrationChanged>(message.Message.Value);
        Assert.Equal(EventTypes.CalibrationChanged, changed.Type);
        Assert.Equal(DerivedEventId.Create(biased.Source, biased.Id, "calibration", watch, "heart_rate"), changed.Id);
        Assert.Equal(userId, changed.Data.UserId);
        Assert.Equal(watch, changed.Data.DeviceId);
        Assert.Equal("heart_rate", changed.Data.Metric);
        Assert.Equal(strap, changed.Data.ReferenceSource);
        Assert.Equal(1 / 1.1, changed.Data.Factor, 3);
        Assert.Null(changed.Data.PreviousFactor);
        Assert.Equal(30, changed.Data.Pairs);
        Assert.Equal("drifting", changed.Data.Status);
        Assert.Equal("recalibrate", changed.Data.Recommendation);
        Assert.Equal(biased.Time, changed.Data.OccurredAt);
        // The reference itself announces nothing.
        Assert.Empty(await Kafka.ReadAsync(Topics.CalibrationEvents, strap, TimeSpan.FromSeconds(2), _ => false));

        // The device anomaly agent turns the drift into an anomaly of the device.
        var anomalyMessage = Assert.Single(await Kafka.ReadAsync(Topics.DeviceAnomalies, watch, Timeout, found => found.Count >= 1));
        var anomaly = CloudEventSerializer.Deserialize<DeviceAnomalyDetected>(anomalyMessage.Message.Value);
        Assert.Equal("calibration_drift", anomaly.Data.AnomalyType);
        Assert.Equal(DerivedEventId.Create(changed.Source, changed.Id, "calibration_drift"), anomaly.Id);
        Assert.Equal(userId, anomaly.Data.UserId);
    }

    [Fact]
    public async Task The_owner_reads_the_factors_and_history_and_nobody_else_does()
    {
        var userId = NewId("user");
        var strap = "strap-" + Guid.NewGuid().ToString("N");
        var watch = "watch-" + Guid.NewGuid().ToString("N");
        await Kafka.ProduceAsync(Topics.DeviceDataProcessed, userId, ProcessedEvent(userId, strap, i => 60 + i % 7));
        await Kafka.ProduceAsync(Topics.DeviceDataProcessed, userId, ProcessedEvent(userId, watch, i => (60 + i % 7) * 1.1));
        await Kafka.ReadAsync(Topics.CalibrationEvents, watch, Timeout, found => found.Count >= 1);

        using var owner = Client(userId);
        var calibration = await WaitForHistoryAsync(owner, watch);
        var factor = Assert.Single(calibration.GetProperty("factors").EnumerateArray());
        Assert.Equal("heart_rate", factor.GetProperty("metric").GetString());
        Assert.Equal(1 / 1.1, factor.GetProperty("factor").GetDouble(), 3);
        Assert.Equal("drifting", factor.GetProperty("status").GetString());
        Assert.Equal("recalibrate", factor.GetProperty("recommendation").GetString());
        Assert.Equal(strap, factor.GetProperty("reference_source").GetString());
        var entry = Assert.Single(calibration.GetProperty("history").EnumerateArray());
        Assert.Equal("drifting", entry.GetProperty("status").GetString());

        using var calibrate = await owner.PostAsync($"/agents/calibrate/{watch}", null);
        Assert.Equal(HttpStatusCode.OK, calibrate.StatusCode);
        using var body = JsonDocument.Parse(await calibrate.Content.ReadAsStringAsync());
        Assert.Equal(watch, body.RootElement.GetProperty("device_id").GetString());
        Assert.Equal(30, Assert.Single(body.RootElement.GetProperty("factors").EnumerateArray()).GetProperty("pairs").GetInt32());
        using var reference = await owner.PostAsync($"/agents/calibrate/{strap}", null);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("\"reference\"", await reference.Content.ReadAsStringAsync());

        // Another user asking about the same device gets what an unknown device gets.
        using var stranger = Client(NewId("user"));
        using var notTheirs = await stranger.PostAsync($"/agents/calibrate/{watch}", null);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal("application/problem+json", notTheirs.Content.Headers.ContentType?.MediaType);
        using var anonymous = Factory.CreateClient();
        using var unauthenticated = await anonymous.PostAsync($"/agents/calibrate/{watch}", null);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task A_too_long_device_id_is_a_validation_problem_naming_it()
    {
        using var response = await Operator.PostAsync($"/agents/calibrate/{new string('d', 300)}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("device_id", out _));
    }

    [Fact]
    public async Task A_restarted_agent_keeps_the_reference_from_the_saved_factors()
    {
        var userId = NewId("user");
        var strap = "strap-" + Guid.NewGuid().ToString("N");
        var watch = "watch-" + Guid.NewGuid().ToString("N");
        await Kafka.ProduceAsync(Topics.DeviceDataProcessed, userId, ProcessedEvent(userId, strap, i => 60 + i % 7));
        await Kafka.ProduceAsync(Topics.DeviceDataProcessed, userId, ProcessedEvent(userId, watch, i => (60 + i % 7) * 1.1));
        await Kafka.ReadAsync(Topics.CalibrationEvents, watch, Timeout, found => found.Count >= 1);
        var store = Factory.Services.GetRequiredService<CalibrationStore>();
        await WaitForFactorAsync(store, userId, watch, f => f.Status == "drifting");
        var running = Factory.Services.GetRequiredService<CalibrationAgent>();
        await running.StopAsync(CancellationToken.None);

        var restarted = new CalibrationAgent(
            Factory.Services.GetRequiredService<IOptions<AgentsOptions>>(),
            store,
            Factory.Services.GetRequiredService<IConfiguration>(),
            Factory.Services.GetRequiredService<IHostEnvironment>(),
            TimeProvider.System,
            Factory.Services.GetRequiredService<ILogger<CalibrationAgent>>());
        try
        {
            await restarted.StartAsync(CancellationToken.None);
            // After the restart the watch is heard from first: a cold start would take it as the reference.
            var later = ProcessedEvent(userId, watch, i => (60 + i % 7) * 1.1, fromMinute: 30);
            await Kafka.ProduceAsync(Topics.DeviceDataProcessed, userId, later);
            await Kafka.ProduceAsync(Topics.DeviceDataProcessed, userId, ProcessedEvent(userId, strap, i => 60 + i % 7, fromMinute: 30));

            var factor = await WaitForFactorAsync(store, userId, watch, f => f.Pairs == 30 && f.UpdatedAt >= later.Time);
            Assert.Equal(strap, factor.ReferenceSource);
            Assert.Equal("drifting", factor.Status);
            Assert.Equal(CalibrationStatus.Reference, (await store.GetFactorsAsync(userId, strap, CancellationToken.None)).Single().Status);
            // Nothing new to announce: still the one event from before the restart.
            Assert.Single(await Kafka.ReadAsync(Topics.CalibrationEvents, watch, TimeSpan.FromSeconds(2), _ => false));
            Assert.Empty(await Kafka.ReadAsync(Topics.CalibrationEvents, strap, TimeSpan.FromSeconds(1), _ => false));
        }
        finally
        {
            await restarted.StopAsync(CancellationToken.None);
            restarted.Dispose();
            await running.StartAsync(CancellationToken.None);
            await WaitForPartitionsAsync("calibration");
        }
    }

    private static async Task<CalibrationFactor> WaitForFactorAsync(CalibrationStore store, string userId, string deviceId, Func<CalibrationFactor, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var factors = await store.GetFactorsAsync(userId, deviceId, CancellationToken.None);
            if (factors.Count == 1 && condition(factors[0]))
            {
                return factors[0];
            }
            Assert.True(DateTime.UtcNow < deadline, $"The factor of {deviceId} did not reach the expected state: {string.Join(", ", factors)}");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> WaitForHistoryAsync(HttpClient owner, string deviceId)
    {
        // The factors and history are saved right after the event is acknowledged.
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            using var response = await owner.GetAsync($"/data/calibration/{deviceId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (document.RootElement.GetProperty("history").GetArrayLength() > 0)
                {
                    return document.RootElement.Clone();
                }
            }
            Assert.True(DateTime.UtcNow < deadline, $"No calibration history for {deviceId}: {response.StatusCode}");
            await Task.Delay(100);
        }
    }

    /// <summary>30 minutes of processed heart rate from <paramref name="device"/>, one clean reading a minute from <see cref="T0"/>.</summary>
    private static CloudEvent<ObservationsProcessed> ProcessedEvent(string userId, string device, Func<int, double> value, int fromMinute = 0) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Type = EventTypes.ObservationsProcessed,
        Source = "/agents",
        Subject = device,
        Time = T0.AddMinutes(fromMinute + 29),
        Data = new ObservationsProcessed
        {
            UserId = userId,
            Metric = "heart_rate",
            Source = device,
            DeviceId = device,
            Unit = "count/min",
            Origin = "device_upload",
            SourceEventId = Guid.NewGuid().ToString(),
            Points = Enumerable.Range(0, 30)
                .Select(i => new ProcessedObservationPoint { Timestamp = T0.AddMinutes(fromMinute + i), Value = value(i), QualityScore = 1, Flags = [] })
                .ToList(),
        },
    };
}
