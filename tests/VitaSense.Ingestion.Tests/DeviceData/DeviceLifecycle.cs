using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.TestSupport;

namespace VitaSense.Ingestion.Tests.DeviceData;

/// <summary>
/// Plays the devices service: publishes <c>vitasense.devices.lifecycle.v1</c> events to the test Kafka with a real
/// producer, then waits until the ingestion service under test has applied them.
/// </summary>
public static class DeviceLifecycle
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string DataPath(string deviceId) => $"/api/v1/devices/{deviceId}/data";

    public static async Task PublishAsync<T>(ServiceFactory<T> factory, string change, string deviceId, string userId, DateTimeOffset occurredAt,
        string? deviceType = "smartwatch") where T : class
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = factory.Infrastructure.KafkaBootstrapServers })
            .Build();
        using var producer = new ProducerBuilder<string?, byte[]>(KafkaClientConfig.Producer(configuration, "device-data-tests")).Build();
        var cloudEvent = new CloudEvent<DeviceLifecycleChanged>
        {
            Id = Guid.NewGuid().ToString(),
            Type = EventTypes.DeviceLifecycleChanged,
            Source = "/devices",
            Subject = deviceId,
            Time = occurredAt,
            Data = new DeviceLifecycleChanged { Change = change, DeviceId = deviceId, UserId = userId, DeviceType = deviceType, OccurredAt = occurredAt },
        };
        var result = await producer.ProduceAsync(Topics.DeviceLifecycle, new Message<string?, byte[]>
        {
            Key = deviceId,
            Value = CloudEventSerializer.Serialize(cloudEvent),
            Headers = CloudEventSerializer.KafkaHeaders(),
        });
        Assert.Equal(PersistenceStatus.Persisted, result.Status);
    }

    /// <summary>Registers <paramref name="deviceId"/> to the client's user and waits until its data can be read.</summary>
    public static async Task RegisterAsync<T>(ServiceFactory<T> factory, HttpClient owner, string userId, string deviceId) where T : class
    {
        await PublishAsync(factory, "registered", deviceId, userId, DateTimeOffset.UtcNow);
        await WaitForAsync(owner, deviceId, HttpStatusCode.OK);
    }

    /// <summary>Polls <c>GET .../data</c> until it answers <paramref name="status"/>.</summary>
    public static async Task WaitForAsync(HttpClient client, string deviceId, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var response = await client.GetAsync(DataPath(deviceId));
            if (response.StatusCode == status)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"GET {DataPath(deviceId)} still answers {(int)response.StatusCode}, not {(int)status}, after {Timeout}.");
            await Task.Delay(200);
        }
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static StringContent Raw(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>An ISO 8601 time with a +02:00 offset, as a device in that zone would send it.</summary>
    public static string Local(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-ddTHH:mm:sszzz");
}
