using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Npgsql;
using VitaSense.Contracts;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.TestSupport;

namespace VitaSense.Devices.Tests;

/// <summary>Helpers of the registry and health tests: clients per user, bodies, registration, Kafka, polling, SQL.</summary>
public static class DeviceTestData
{
    public const string DevicesUrl = "/api/v1/devices";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string NewUser() => $"user-{Guid.NewGuid():N}";

    public static string NewSerial() => $"SN-{Guid.NewGuid():N}";

    public static HttpClient ClientFor<T>(ServiceFactory<T> factory, string userId) where T : class
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.MintToken(userId));
        return client;
    }

    /// <summary>The seed's registration body, with a fresh serial number; <paramref name="change"/> edits it.</summary>
    public static JsonObject Registration(Action<JsonObject>? change = null)
    {
        var body = JsonNode.Parse($$"""
            {
              "device_type": "fitbit_charge_5",
              "device_name": "My Fitbit",
              "manufacturer": "Fitbit",
              "model": "Charge 5",
              "serial_number": "{{NewSerial()}}",
              "firmware_version": "1.2.3",
              "capabilities": ["heart_rate", "steps", "sleep", "gps"],
              "integration_type": "api",
              "credentials": {
                "access_token": "fitbit_access_token_{{Guid.NewGuid():N}}",
                "refresh_token": "fitbit_refresh_token",
                "expires_at": "2030-12-31T23:59:59Z"
              },
              "sync_settings": {"auto_sync": true, "sync_interval_minutes": 15, "sync_historical_days": 30}
            }
            """)!.AsObject();
        change?.Invoke(body);
        return body;
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static StringContent Raw(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Registers a device for the client's user; returns its id.</summary>
    public static async Task<Guid> RegisterAsync(HttpClient client, Action<JsonObject>? change = null)
    {
        var response = await client.PostAsync(DevicesUrl, Json(Registration(change)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("device_id").GetGuid();
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

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

    /// <summary>Publishes a CloudEvent as another service would, with a real producer.</summary>
    public static Task PublishAsync<TData, TFactory>(ServiceFactory<TFactory> factory, string topic, string type, string key, TData data,
        DateTimeOffset? time = null, string? id = null) where TFactory : class =>
        TestKafka.PublishAsync(factory.Infrastructure.KafkaBootstrapServers, topic, type, key, data, time, id);

    /// <summary>A consumer of <paramref name="topic"/> from its current end: it sees only new messages.</summary>
    public static IConsumer<string, byte[]> ConsumerAtEnd<T>(ServiceFactory<T> factory, string topic) where T : class =>
        TestKafka.ConsumerAtEnd(factory.Infrastructure.KafkaBootstrapServers, topic);
}
