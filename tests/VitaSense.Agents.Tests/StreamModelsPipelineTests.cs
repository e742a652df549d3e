extern alias agents;

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VitaSense.Agents.Agents;
using VitaSense.Agents.Calibration;
using VitaSense.Agents.Ml;
using VitaSense.Agents.Model;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.TestSupport;
using static VitaSense.Agents.Tests.InsightsEvents;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary>
/// The stream models and calibration in the running service: models saved and reloaded, factors applied to processed
/// readings, and <c>POST /agents/analyze/{device_id}</c> for the caller's own streams only.
/// </summary>
[Collection(AgentsServiceCollection.Name)]
public sealed class StreamModelsPipelineTests(ServiceFactory<AgentsProgram> factory) : AgentsServiceTests(factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset T0 = new(2025, 8, 4, 6, 0, 0, TimeSpan.Zero);

    protected override string? Consumer => "quality";

    [Fact]
    public async Task A_saved_model_is_loaded_by_a_new_registry()
    {
        var stream = (NewId("user"), NewId("watch"), "heart_rate");
        var options = Factory.Services.GetRequiredService<IOptions<AgentsOptions>>();
        var store = Factory.Services.GetRequiredService<StreamModelStore>();
        var first = new StreamModelRegistry(options, store, TimeProvider.System, NullLogger<StreamModelRegistry>.Instance);
        var values = Enumerable.Range(0, 256).Select(i => (T0.AddMinutes(i), 60 + 8 * Math.Sin(i / 10.0))).ToList();

        await first.Observe(stream, null, values)!.WaitAsync(Timeout);
        var trained = first.CurrentModel(stream)!;
        var restarted = new StreamModelRegistry(options, store, TimeProvider.System, NullLogger<StreamModelRegistry>.Instance);

        Assert.Null(restarted.CurrentModel(stream));
        var loaded = await restarted.GetModelAsync(stream, CancellationToken.None);
        Assert.NotNull(loaded);
        Assert.Equal(trained.Version, loaded.Version);
        var window = values.TakeLast(trained.WindowLength).Select(v => v.Item2).ToArray();
        Assert.Equal(trained.Score(window), loaded.Score(window), 12);
        Assert.Null(await restarted.GetModelAsync((NewId("user"), "watch", "heart_rate"), CancellationToken.None));
    }

    [Fact]
    public async Task A_trusted_calibration_factor_is_applied_to_processed_readings()
    {
        var userId = NewId("user");
        var deviceId = NewId("device");
        await Factory.Services.GetRequiredService<CalibrationStore>().SaveAsync(userId,
            [new CalibrationEstimate(deviceId, deviceId, "heart_rate", 1.1, null, "strap", 40, 0.9, CalibrationStatus.Drifting, true)],
            T0, CancellationToken.None);

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, HeartRateEvent(userId, deviceId, _ => 70));

        var message = Assert.Single(await Kafka.ReadAsync(Topics.DeviceDataProcessed, deviceId, Timeout, found => found.Count >= 1));
        var processed = CloudEventSerializer.Deserialize<ObservationsProcessed>(message.Message.Value);
        Assert.All(processed.Data.Points, p =>
        {
            Assert.Equal(1.1, p.CalibrationFactor);
            Assert.Equal(77, p.Value!.Value, 9);
            Assert.Equal(70, p.Values!["raw"].GetDouble());
        });
    }

    [Fact]
    public async Task A_stale_calibration_factor_answers_at_once_and_is_read_again_in_the_background()
    {
        var userId = NewId("user");
        var deviceId = NewId("device");
        var options = Factory.Services.GetRequiredService<IOptions<AgentsOptions>>();
        var store = Factory.Services.GetRequiredService<CalibrationStore>();
        await store.SaveAsync(userId, [Drifting(deviceId, 1.1)], T0, CancellationToken.None);
        var clock = new ManualTimeProvider(T0);
        var lookup = new CalibrationFactorLookup(options, store, clock, NullLogger<CalibrationFactorLookup>.Instance);

        Assert.Equal(1.1, await lookup.GetFactorAsync(userId, deviceId, "heart_rate", CancellationToken.None));
        await store.SaveAsync(userId, [Drifting(deviceId, 1.2)], T0.AddHours(1), CancellationToken.None);
        // Within the refresh period the factor in memory answers; past it too, at once, while it is read again.
        Assert.Equal(1.1, await lookup.GetFactorAsync(userId, deviceId, "heart_rate", CancellationToken.None));
        clock.Advance(options.Value.Quality.CalibrationRefresh);
        Assert.Equal(1.1, await lookup.GetFactorAsync(userId, deviceId, "heart_rate", CancellationToken.None));

        await EventuallyAsync(async () => await lookup.GetFactorAsync(userId, deviceId, "heart_rate", CancellationToken.None) == 1.2 ? "read" : null,
            Timeout, "the refreshed factor");
        Assert.Null(await lookup.GetFactorAsync(userId, NewId("device"), "heart_rate", CancellationToken.None));
    }

    [Fact]
    public async Task Analyze_returns_the_owners_streams_and_404_for_anyone_else()
    {
        var owner = NewId("user");
        var deviceId = NewId("device");
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, HeartRateEvent(owner, deviceId, i => i == 22 ? 150 : 60));
        using var ownerClient = Client(owner);
        using var otherClient = Client(NewId("user"));

        var body = await EventuallyAsync(async () =>
        {
            using var response = await ownerClient.PostAsync($"/agents/analyze/{deviceId}", null);
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
        }, Timeout, "the analysis");
        var analysis = JsonDocument.Parse(body).RootElement;

        Assert.Equal(deviceId, analysis.GetProperty("device_id").GetString());
        var metric = Assert.Single(analysis.GetProperty("metrics").EnumerateArray());
        Assert.Equal("heart_rate", metric.GetProperty("metric").GetString());
        Assert.Equal(30, metric.GetProperty("points_analysed").GetInt32());
        Assert.InRange(metric.GetProperty("max_score").GetDouble(), 0, 1);
        Assert.Equal(JsonValueKind.Array, metric.GetProperty("anomalies").ValueKind);
        Assert.Equal(JsonValueKind.Null, metric.GetProperty("model_version").ValueKind);

        using var other = await otherClient.PostAsync($"/agents/analyze/{deviceId}", null);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var unknown = await ownerClient.PostAsync($"/agents/analyze/{NewId("device")}", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var anonymous = await Factory.CreateClient().PostAsync($"/agents/analyze/{deviceId}", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static CalibrationEstimate Drifting(string deviceId, double factor) =>
        new(deviceId, deviceId, "heart_rate", factor, null, "strap", 40, 0.9, CalibrationStatus.Drifting, true);

    /// <summary>30 minutes of heart rate from <see cref="T0"/>, one reading a minute, as ingestion publishes them.</summary>
    private static CloudEvent<ObservationsIngested> HeartRateEvent(string userId, string deviceId, Func<int, double> value) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Type = EventTypes.ObservationsIngested,
        Source = "/ingestion",
        Subject = deviceId,
        Time = T0.AddMinutes(29),
        Data = new ObservationsIngested
        {
            UserId = userId,
            Metric = "heart_rate",
            Source = deviceId,
            DeviceId = deviceId,
            Unit = "count/min",
            Origin = "device_upload",
            IngestionId = 1,
            Observations = Enumerable.Range(0, 30)
                .Select(i => new ObservationPoint { Timestamp = T0.AddMinutes(i), UtcOffset = 120, Value = value(i) })
                .ToList(),
        },
    };
}
