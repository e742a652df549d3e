using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using static VitaSense.Tracking.Tests.Records.RecordsTestClient;

namespace VitaSense.Tracking.Tests.Records;

/// <summary>
/// Plays the agents: publishes <c>vitasense.observations.processed.v1</c> events to the test Kafka with a real producer
/// and watches the records appear in the tracking endpoints of their owner only, once however often they are replayed.
/// </summary>
public sealed class DeviceStreamTests(TrackingFactory factory) : IClassFixture<TrackingFactory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly DateTimeOffset T0 = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-2).AddHours(9);
    private static readonly DateTime Night = T0.Date.AddHours(-1);

    [Fact]
    public async Task Processed_device_data_appears_in_the_owners_records_once()
    {
        var (client, userId) = NewUser(factory);
        var (stranger, _) = NewUser(factory);
        const string deviceId = "watch-stream-1";
        var events = new[]
        {
            Event(userId, deviceId, "heart_rate", "count/min",
                Point(T0, 70),
                Point(T0.AddSeconds(30), 71) with { Interpolated = true, Flags = ["interpolated"] },
                Point(T0.AddMinutes(1), 72),
                Point(T0.AddMinutes(2), 240) with { Flags = ["out_of_range"] },
                Point(T0.AddMinutes(3), 72) with { Flags = ["duplicate"] }),
            Event(userId, deviceId, "blood_pressure", "mmHg",
                Point(T0, null, new { systolic = 121, diastolic = 79 })),
            Event(userId, deviceId, "step_count", "count",
                Point(T0, 500), Point(T0.AddHours(1), 800) with { Flags = ["outlier"] }),
            Event(userId, deviceId, "sleep_analysis", "hr",
                Point(T0.AddHours(-10), 7.2, new
                {
                    asleep = 7.2, core = 4.0, deep = 1.5, rem = 1.7, awake = 0.3, in_bed = 7.8,
                    sleep_start = T0.AddHours(-10).ToString("O"), sleep_end = T0.AddHours(-2.2).ToString("O"),
                }),
                Point(T0.AddHours(-9), 0.5, new { stage = "deep", ended_at = T0.AddHours(-8.5).ToString("O") })),
            Event(userId, deviceId, "workouts", "s",
                Point(T0.AddHours(2), 1800, new
                {
                    workout_id = "w-123", name = "Outdoor Run", ended_at = T0.AddHours(2.5).ToString("O"),
                    summaries = new Dictionary<string, object>
                    {
                        ["distance"] = new { qty = 5.2, units = "km" },
                        ["activeEnergyBurned"] = new { qty = 310.5, units = "kcal" },
                        ["stepCount"] = new { qty = 5400, units = "count" },
                    },
                })),
        };
        await PublishAsync(deviceId, events);

        await WaitForTotalAsync(client, "/api/v1/heart-rate", 2);
        await WaitForTotalAsync(client, "/api/v1/metrics", 3);
        await WaitForTotalAsync(client, "/api/v1/sleep", 1);
        await WaitForTotalAsync(client, "/api/v1/activities", 1);

        var heartRates = (await GetAsync(client, "/api/v1/heart-rate")).GetProperty("items");
        Assert.Equal([72.0, 70.0], heartRates.EnumerateArray().Select(s => s.GetProperty("bpm").GetDouble()));
        Assert.All(heartRates.EnumerateArray(), s =>
        {
            Assert.Equal("device", s.GetProperty("source").GetString());
            Assert.Equal(deviceId, s.GetProperty("device_id").GetString());
            Assert.Equal(0.9, s.GetProperty("quality_score").GetDouble());
        });

        var pressure = (await GetAsync(client, "/api/v1/metrics?metric_type=blood_pressure")).GetProperty("items")[0];
        Assert.Equal(121, pressure.GetProperty("values").GetProperty("systolic").GetDouble());
        Assert.Equal("device", pressure.GetProperty("source").GetString());
        var steps = (await GetAsync(client, "/api/v1/metrics?metric_type=steps")).GetProperty("items");
        Assert.Equal([800.0, 500.0], steps.EnumerateArray().Select(s => s.GetProperty("value").GetDouble()));

        var night = (await GetAsync(client, "/api/v1/sleep")).GetProperty("items")[0];
        Assert.Equal(7.2, night.GetProperty("duration_hours").GetDouble());
        Assert.Equal(1.5, night.GetProperty("sleep_stages").GetProperty("deep_sleep_hours").GetDouble());
        Assert.Equal(4.0, night.GetProperty("sleep_stages").GetProperty("light_sleep_hours").GetDouble());
        Assert.Equal(92.3, night.GetProperty("sleep_efficiency").GetDouble());
        Assert.Equal(T0.AddHours(-10), night.GetProperty("start_time").GetDateTimeOffset());
        Assert.Equal("device", night.GetProperty("source").GetString());

        var run = (await GetAsync(client, "/api/v1/activities")).GetProperty("items")[0];
        Assert.Equal("outdoor_run", run.GetProperty("activity_type").GetString());
        Assert.Equal(30, run.GetProperty("duration_minutes").GetDouble());
        Assert.Equal(5.2, run.GetProperty("distance_km").GetDouble());
        Assert.Equal(310.5, run.GetProperty("calories_burned").GetDouble());
        Assert.Equal(5400, run.GetProperty("steps").GetInt32());
        Assert.Equal(Math.Round(30 / 5.2, 3), run.GetProperty("pace_min_per_km").GetDouble());
        Assert.Equal("device", run.GetProperty("source").GetString());

        // Manual entries live beside device data, told apart by source.
        await CreateAsync(client, "/api/v1/heart-rate", $$"""{"timestamp": "{{T0.AddMinutes(5):O}}", "bpm": 80}""");

        // Replays (the same readings in new events) insert nothing; a marker published after them shows they were consumed.
        await PublishAsync(deviceId, events.Select(e => e with { Id = Guid.NewGuid().ToString() }).ToArray());
        await PublishAsync(deviceId, Event(userId, deviceId, "body_temperature", "degC", Point(T0, 36.6)));
        await WaitForTotalAsync(client, "/api/v1/metrics", 4);
        Assert.Equal(3, (await GetAsync(client, "/api/v1/heart-rate")).GetProperty("total").GetInt64());
        Assert.Equal(1, (await GetAsync(client, "/api/v1/sleep")).GetProperty("total").GetInt64());
        Assert.Equal(1, (await GetAsync(client, "/api/v1/activities")).GetProperty("total").GetInt64());
        Assert.Equal(["manual", "device", "device"], (await GetAsync(client, "/api/v1/heart-rate")).GetProperty("items").EnumerateArray()
            .Select(s => s.GetProperty("source").GetString()));

        foreach (var path in new[] { "/api/v1/heart-rate", "/api/v1/metrics", "/api/v1/sleep", "/api/v1/activities" })
        {
            Assert.Equal(0, (await GetAsync(stranger, path)).GetProperty("total").GetInt64());
        }
        Assert.Empty((await GetAsync(stranger, "/api/v1/metrics/latest")).EnumerateObject());
    }

    [Fact]
    public async Task Sleep_stage_segments_become_one_session_per_night()
    {
        var (client, userId) = NewUser(factory);
        const string deviceId = "ring-stream-1";
        var stages = Event(userId, deviceId, "sleep_analysis", "hr",
            Stage(0, 2, "Core"), Stage(2, 3, "Deep"), Stage(3, 4, "REM"), Stage(4, 4.25, "Awake"), Stage(4.25, 7.25, "Core"),
            // A nap the next afternoon is a session of its own.
            Stage(15, 15.5, "Asleep"));
        await PublishAsync(deviceId, stages);
        await WaitForTotalAsync(client, "/api/v1/sleep", 2);

        var sessions = (await GetAsync(client, "/api/v1/sleep")).GetProperty("items");
        AssertSplitNight(sessions[1]);
        Assert.Equal(0.5, sessions[0].GetProperty("duration_hours").GetDouble());

        await PublishAsync(deviceId, stages with { Id = Guid.NewGuid().ToString() });
        // A scale's weight gets the BMI from the profile's height, as a posted one does.
        await ReadAsync(await PutAsync(client, "/api/v1/profile", """{"height_cm": 180}"""), System.Net.HttpStatusCode.OK);
        await PublishAsync(deviceId, Event(userId, deviceId, "weight_body_mass", "kg", Point(T0, 81)));
        await WaitForTotalAsync(client, "/api/v1/metrics", 1);
        Assert.Equal(2, (await GetAsync(client, "/api/v1/sleep")).GetProperty("total").GetInt64());
        var weight = (await GetAsync(client, "/api/v1/metrics/latest")).GetProperty("weight_body_mass");
        Assert.Equal(25, weight.GetProperty("values").GetProperty("bmi").GetDouble());
    }

    [Fact]
    public async Task A_night_split_over_two_events_is_one_session_whatever_their_order()
    {
        var (client, userId) = NewUser(factory);
        const string deviceId = "ring-stream-2";
        var firstHalf = Event(userId, deviceId, "sleep_analysis", "hr", Stage(0, 2, "Core"), Stage(2, 3, "Deep"), Stage(3, 4, "REM"));
        // Alone, the second half is a shorter night of its own; the first half, arriving later, must take its place.
        var secondHalf = Event(userId, deviceId, "sleep_analysis", "hr", Stage(4, 4.25, "Awake"), Stage(4.25, 7.25, "Core"));
        await PublishAsync(deviceId, secondHalf, firstHalf, Marker(userId, deviceId, 0));
        await WaitForTotalAsync(client, "/api/v1/metrics", 1);
        var night = Assert.Single((await GetAsync(client, "/api/v1/sleep")).GetProperty("items").EnumerateArray());
        AssertSplitNight(night);

        await PublishAsync(deviceId, secondHalf with { Id = Guid.NewGuid().ToString() }, firstHalf with { Id = Guid.NewGuid().ToString() },
            Marker(userId, deviceId, 1));
        await WaitForTotalAsync(client, "/api/v1/metrics", 2);
        var replayed = Assert.Single((await GetAsync(client, "/api/v1/sleep")).GetProperty("items").EnumerateArray());
        AssertSplitNight(replayed);
        Assert.Equal(night.GetRawText(), replayed.GetRawText());
    }

    [Fact]
    public async Task Nights_far_apart_and_the_segments_of_other_users_or_sources_stay_apart()
    {
        var (client, userId) = NewUser(factory);
        var (other, otherId) = NewUser(factory);
        const string ring = "ring-stream-3";
        const string watch = "watch-stream-3";
        // The other user's and the watch's segments fill the gap between the ring's two nights; merged, they would
        // make one (too long) night.
        await PublishAsync(ring,
            Event(userId, ring, "sleep_analysis", "hr", Stage(0, 7, "Core"), Stage(24, 31, "Core")),
            Event(otherId, ring, "sleep_analysis", "hr", Stage(7.5, 23.5, "Core")),
            Event(userId, watch, "sleep_analysis", "hr", Stage(7.5, 23.5, "Deep")),
            Marker(userId, ring, 0));
        await WaitForTotalAsync(client, "/api/v1/metrics", 1);

        var sessions = (await GetAsync(client, "/api/v1/sleep")).GetProperty("items").EnumerateArray()
            .Select(s => (Device: s.GetProperty("device_id").GetString(), Start: s.GetProperty("start_time").GetDateTimeOffset(),
                Hours: s.GetProperty("duration_hours").GetDouble()))
            .ToList();
        var start = new DateTimeOffset(Night, TimeSpan.Zero);
        Assert.Equal([(ring, start.AddHours(24), 7.0), (watch, start.AddHours(7.5), 16.0), (ring, start, 7.0)], sessions);
        var others = (await GetAsync(other, "/api/v1/sleep")).GetProperty("items");
        Assert.Equal([16.0], others.EnumerateArray().Select(s => s.GetProperty("duration_hours").GetDouble()));
    }

    // The night of the split-night tests: core 0-2 h, deep 2-3 h, REM 3-4 h, awake 4-4.25 h, core 4.25-7.25 h.
    private static void AssertSplitNight(JsonElement night)
    {
        var start = new DateTimeOffset(Night, TimeSpan.Zero);
        Assert.Equal(start, night.GetProperty("start_time").GetDateTimeOffset());
        Assert.Equal(start.AddHours(7.25), night.GetProperty("end_time").GetDateTimeOffset());
        Assert.Equal(7, night.GetProperty("duration_hours").GetDouble());
        var stages = night.GetProperty("sleep_stages");
        Assert.Equal(5, stages.GetProperty("light_sleep_hours").GetDouble());
        Assert.Equal(1, stages.GetProperty("deep_sleep_hours").GetDouble());
        Assert.Equal(1, stages.GetProperty("rem_sleep_hours").GetDouble());
        Assert.Equal(0.25, stages.GetProperty("awake_hours").GetDouble());
        Assert.Equal(Math.Round(7 / 7.25 * 100, 1), night.GetProperty("sleep_efficiency").GetDouble());
        Assert.Equal("device", night.GetProperty("source").GetString());
    }

    // A sleep stage from fromHours to toHours after the start of Night.
    private static ProcessedObservationPoint Stage(double fromHours, double toHours, string stage) =>
        Point(new DateTimeOffset(Night, TimeSpan.Zero).AddHours(fromHours), toHours - fromHours,
            new { stage, ended_at = new DateTimeOffset(Night, TimeSpan.Zero).AddHours(toHours).ToString("O") });

    // Published after other events of the same key, it shows they were consumed once it is stored.
    private static CloudEvent<ObservationsProcessed> Marker(string userId, string deviceId, int n) =>
        Event(userId, deviceId, "body_temperature", "degC", Point(T0.AddMinutes(n), 36.6));

    private static CloudEvent<ObservationsProcessed> Event(string userId, string deviceId, string metric, string unit, params ProcessedObservationPoint[] points) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Type = EventTypes.ObservationsProcessed,
        Source = "/agents",
        Subject = deviceId,
        Time = DateTimeOffset.UtcNow,
        Data = new ObservationsProcessed
        {
            UserId = userId,
            Metric = metric,
            Source = deviceId,
            DeviceId = deviceId,
            Unit = unit,
            Origin = "device_upload",
            IngestionId = 1,
            Points = points,
        },
    };

    private static ProcessedObservationPoint Point(DateTimeOffset at, double? value, object? values = null) => new()
    {
        Timestamp = at,
        Value = value,
        Values = values is null ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(values)),
        QualityScore = 0.9,
        Flags = [],
    };

    private async Task PublishAsync(string key, params CloudEvent<ObservationsProcessed>[] events)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = factory.Infrastructure.KafkaBootstrapServers })
            .Build();
        using var producer = new ProducerBuilder<string?, byte[]>(KafkaClientConfig.Producer(configuration, "tracking-stream-tests")).Build();
        foreach (var cloudEvent in events)
        {
            var result = await producer.ProduceAsync(Topics.DeviceDataProcessed, new Message<string?, byte[]>
            {
                Key = key,
                Value = CloudEventSerializer.Serialize(cloudEvent),
                Headers = CloudEventSerializer.KafkaHeaders(),
            });
            Assert.Equal(PersistenceStatus.Persisted, result.Status);
        }
    }

    private static async Task WaitForTotalAsync(HttpClient client, string path, long total)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var found = (await GetAsync(client, path)).GetProperty("total").GetInt64();
            if (found == total)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{path} has {found} records, not {total}, after {Timeout}.");
            await Task.Delay(250);
        }
    }
}
