using System.Net.Http.Headers;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using VitaSense.Contracts;
using VitaSense.ServiceDefaults.Messaging;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using VitaSense.TestSupport;

namespace VitaSense.Ingestion.Tests;

/// <summary>Helpers shared by the HTTP tests: unique ids, bodies, clients per user, row counts.</summary>
public static class TestData
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A whole-second UTC time <paramref name="minutesAgo"/> minutes in the past (this month's partition, mostly).</summary>
    public static DateTimeOffset MinutesAgo(int minutesAgo)
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddMinutes(-minutesAgo);
    }

    public static object Status(string deviceId, DateTimeOffset timestamp, int battery = 76, int rssi = -60, bool online = true) => new Dictionary<string, object>
    {
        ["device_id"] = deviceId,
        ["timestamp"] = timestamp.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["battery_level"] = battery,
        ["rssi"] = rssi,
        ["online"] = online,
    };

    public static HttpClient ClientFor<T>(ServiceFactory<T> factory, string userId) where T : class
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.MintToken(userId));
        return client;
    }

    public static HttpClient ClientWithKey<T>(ServiceFactory<T> factory, string apiKey) where T : class
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        return client;
    }

    public static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body) =>
        client.PostAsync("/status", new StringContent(body, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    public static Task<long> HistoryRowsAsync(string connectionString, string userId) =>
        CountAsync(connectionString, "SELECT count(*) FROM ingestion.device_status_history WHERE user_id = @user", ("user", userId));

    /// <summary>A consumer of device-data-raw from its current end: it sees only new messages.</summary>
    public static IConsumer<string, byte[]> ConsumerAtEnd(string bootstrapServers) => TestKafka.ConsumerAtEnd(bootstrapServers, Topics.DeviceDataRaw);
}
