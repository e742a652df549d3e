using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Npgsql;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.TestSupport;

namespace VitaSense.Tracking.Tests.Analytics;

/// <summary>Helpers of the goals and analytics tests: users, clients, records inserted with SQL, local times, Kafka.</summary>
public static class InsightsTestData
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string NewUser() => $"user-{Guid.NewGuid():N}";

    public static HttpClient ClientFor<T>(ServiceFactory<T> factory, string userId) where T : class
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.MintToken(userId));
        return client;
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The user's local date today in <paramref name="zone"/>.</summary>
    public static DateOnly Today(string zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);

    /// <summary>The instant of local <paramref name="day"/> at <paramref name="time"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset At(string zone, DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        var offset = TimeZoneInfo.FindSystemTimeZoneById(zone).GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static Task ProfileAsync(string db, string user, string timeZone, DateOnly? birthDate = null) => ExecuteAsync(db,
        "INSERT INTO tracking.profiles (user_id, time_zone, birth_date) VALUES (@user, @tz, @birth) ON CONFLICT (user_id) DO UPDATE SET time_zone = @tz, birth_date = @birth",
        ("user", user), ("tz", timeZone), ("birth", birthDate));

    public static Task MetricAsync(string db, string user, string type, DateTimeOffset at, double value, string source = "manual", string? sourceRef = null) => ExecuteAsync(db, """
        INSERT INTO tracking.metrics (metric_id, user_id, metric_type, recorded_at, value, source, source_ref)
        VALUES (gen_random_uuid(), @user, @type, @at, @value, @source, @ref)
        """, ("user", user), ("type", type), ("at", at), ("value", value), ("source", source), ("ref", sourceRef));

    public static Task ActivityAsync(string db, string user, DateTimeOffset start, double minutes, int? steps = null, double? distanceKm = null,
        double? calories = null, string type = "running", string source = "manual", string? sourceRef = null) => ExecuteAsync(db, """
        INSERT INTO tracking.activities (activity_id, user_id, activity_type, start_time, end_time, duration_minutes, steps, distance_km, calories_burned, source, source_ref)
        VALUES (gen_random_uuid(), @user, @type, @start, @end, @minutes, @steps, @distance, @calories, @source, @ref)
        """, ("user", user), ("type", type), ("start", start), ("end", start.AddMinutes(minutes)), ("minutes", minutes), ("steps", steps),
        ("distance", distanceKm), ("calories", calories), ("source", source), ("ref", sourceRef));

    public static Task SleepAsync(string db, string user, DateTimeOffset start, double hours, double? light = null, double? deep = null, double? rem = null,
        int? score = null, double? efficiency = null, string source = "manual") => ExecuteAsync(db, """
        INSERT INTO tracking.sleep_sessions (sleep_id, user_id, start_time, end_time, duration_hours, sleep_stages, sleep_score, sleep_efficiency, source)
        VALUES (gen_random_uuid(), @user, @start, @end, @hours, @stages::jsonb, @score, @efficiency, @source)
        """, ("user", user), ("start", start), ("end", start.AddHours(hours)), ("hours", hours),
        ("stages", light is null ? null : JsonSerializer.Serialize(new { light_sleep_hours = light, deep_sleep_hours = deep, rem_sleep_hours = rem })),
        ("score", score), ("efficiency", efficiency), ("source", source));

    /// <summary>A consumer of <paramref name="topic"/> from its current end: it sees only new messages.</summary>
    public static IConsumer<string, byte[]> ConsumerAtEnd<T>(ServiceFactory<T> factory, string topic) where T : class =>
        TestKafka.ConsumerAtEnd(factory.Infrastructure.KafkaBootstrapServers, topic);

    /// <summary>Publishes a CloudEvent as another service would, with a real producer.</summary>
    public static Task PublishAsync<TData, TFactory>(ServiceFactory<TFactory> factory, string topic, string type, string key, TData data, string? id = null)
        where TFactory : class =>
        TestKafka.PublishAsync(factory.Infrastructure.KafkaBootstrapServers, topic, type, key, data, id: id);

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <see cref="Timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {Timeout} waiting for {what}.");
            await Task.Delay(200);
        }
    }
}
