using System.Net;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using static VitaSense.Devices.Tests.DeviceTestData;

namespace VitaSense.Devices.Tests.Registry;

/// <summary>Registration, update and unregistration reach Kafka's device-lifecycle topic through the outbox, in order.</summary>
public sealed class LifecycleEventTests(DevicesFactory factory) : IClassFixture<DevicesFactory>
{
    [Fact]
    public async Task Register_update_and_unregister_publish_lifecycle_events_keyed_by_device_in_order()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        using var consumer = ConsumerAtEnd(factory, Topics.DeviceLifecycle);

        var id = await RegisterAsync(client, b => b["device_type"] = "smart_ring");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"{DevicesUrl}/{id}", Json(new JsonObject { ["device_name"] = "Ring" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{DevicesUrl}/{id}")).StatusCode);
        // A repeated unregistration changes nothing and so publishes nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{DevicesUrl}/{id}")).StatusCode);

        var events = new List<(Message<string, byte[]> Message, CloudEvent<DeviceLifecycleChanged> Event)>();
        var deadline = DateTime.UtcNow + DeviceTestData.Timeout;
        while (events.Count < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {events.Count} lifecycle events of {id} within {DeviceTestData.Timeout}.");
            if (consumer.Consume(TimeSpan.FromMilliseconds(500))?.Message is { } message && message.Key == id.ToString())
            {
                events.Add((message, CloudEventSerializer.Deserialize<DeviceLifecycleChanged>(message.Value)));
            }
        }

        Assert.Equal(["registered", "updated", "unregistered"], events.Select(e => e.Event.Data.Change));
        Assert.All(events, e =>
        {
            Assert.Equal(EventTypes.DeviceLifecycleChanged, e.Event.Type);
            Assert.Equal("/devices", e.Event.Source);
            Assert.Equal(id.ToString(), e.Event.Subject);
            Assert.Equal(id.ToString(), e.Event.Data.DeviceId);
            Assert.Equal(user, e.Event.Data.UserId);
            Assert.Equal("smart_ring", e.Event.Data.DeviceType);
        });
        Assert.Equal(3, events.Select(e => e.Event.Id).Distinct().Count());
        Assert.True(events[0].Event.Data.OccurredAt <= events[1].Event.Data.OccurredAt && events[1].Event.Data.OccurredAt <= events[2].Event.Data.OccurredAt);

        // Nothing else arrives for the device (the second unregistration), and the outbox is drained.
        var extra = consumer.Consume(TimeSpan.FromSeconds(2));
        Assert.False(extra?.Message?.Key == id.ToString(), "A fourth lifecycle event was published.");
        await WaitUntilAsync(async () => await CountAsync(factory.DatabaseConnectionString,
            "SELECT count(*) FROM devices.outbox WHERE key = @key", ("key", id.ToString())) == 0, "the outbox to drain");
    }

    [Fact]
    public async Task A_rejected_registration_writes_no_outbox_row()
    {
        var client = ClientFor(factory, NewUser());
        var serial = NewSerial();
        await RegisterAsync(client, b => b["serial_number"] = serial);
        var before = await CountAsync(factory.DatabaseConnectionString, "SELECT count(*) FROM devices.devices");

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync(DevicesUrl, Json(Registration(b => b["serial_number"] = serial)))).StatusCode);

        Assert.Equal(before, await CountAsync(factory.DatabaseConnectionString, "SELECT count(*) FROM devices.devices"));
        Assert.Equal(0, await CountAsync(factory.DatabaseConnectionString,
            "SELECT count(*) FROM devices.outbox o WHERE NOT EXISTS (SELECT 1 FROM devices.devices d WHERE d.device_id::text = o.key)"));
    }
}
