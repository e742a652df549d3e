using System.Net;
using System.Net.Http.Json;
using System.Text;
using Confluent.Kafka;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using static VitaSense.Ingestion.Tests.TestData;

namespace VitaSense.Ingestion.Tests;

/// <summary>Accepted updates reach Kafka through the outbox, once each, read by a real Confluent.Kafka consumer.</summary>
public sealed class OutboxTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task An_accepted_update_is_published_once_as_a_cloud_event_and_a_duplicate_is_not_published_again()
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);
        var device = NewId("kafka");
        var first = MinutesAgo(6);
        var sentinel = MinutesAgo(5);
        using var consumer = ConsumerAtEnd(factory.Infrastructure.KafkaBootstrapServers);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/status", Status(device, first, battery: 42, rssi: -77, online: false))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/status", Status(device, first, battery: 42, rssi: -77, online: false))).StatusCode);
        // A later, distinct update of the same device (same key, same partition, later in the outbox): once it
        // arrives, any event for the duplicate would have arrived before it.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/status", Status(device, sentinel))).StatusCode);

        var events = new List<(ConsumeResult<string, byte[]> Message, CloudEvent<DeviceStatusReported> Event)>();
        var deadline = DateTime.UtcNow + Timeout;
        while (!events.Any(e => e.Event.Data.Timestamp == sentinel))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No event for {device} within {Timeout}; saw {events.Count}.");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result?.Message is { } message && message.Key == device)
            {
                events.Add((result, CloudEventSerializer.Deserialize<DeviceStatusReported>(message.Value)));
            }
        }

        var (firstMessage, cloudEvent) = Assert.Single(events, e => e.Event.Data.Timestamp == first);
        Assert.Equal(2, events.Count);
        Assert.Equal(EventTypes.DeviceStatusReported, cloudEvent.Type);
        Assert.Equal("/ingestion", cloudEvent.Source);
        Assert.Equal(device, cloudEvent.Subject);
        Assert.Equal(first, cloudEvent.Time);
        Assert.Equal(new DeviceStatusReported { UserId = user, DeviceId = device, Timestamp = first, BatteryLevel = 42, Rssi = -77, Online = false }, cloudEvent.Data);
        Assert.Equal(CloudEventSerializer.ContentType, Encoding.UTF8.GetString(firstMessage.Message.Headers.GetLastBytes("content-type")));
        Assert.NotEqual(cloudEvent.Id, events.Single(e => e.Event.Data.Timestamp == sentinel).Event.Id);

        Assert.Equal(0, await CountAsync(factory.DatabaseConnectionString,
            "SELECT count(*) FROM ingestion.outbox WHERE key = @device", ("device", device)));
    }

}
