extern alias ingestion;
using System.Net;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.TestSupport;
using static VitaSense.Ingestion.Tests.Sync.SyncPayloads;
using static VitaSense.Ingestion.Tests.TestData;
using IngestionProgram = ingestion::Program;

namespace VitaSense.Ingestion.Tests.Sync;

/// <summary>
/// Synced readings reach device-data-raw as <c>vitasense.observations.ingested.v1</c> events, once, even when the
/// broker is down while they are accepted. Each test runs its own mock cluster so stopping it disturbs no one.
/// </summary>
public sealed class SyncEventsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Readings_accepted_while_the_broker_is_down_wait_in_the_outbox_and_are_published_once_when_it_is_back()
    {
        await using var kafka = await IsolatedKafka.StartAsync();
        var bootstrap = kafka.BootstrapServers;
        var factory = new KafkaFactory(bootstrap);
        await factory.InitializeAsync();
        try
        {
            var user = NewId("user");
            var client = ClientFor(factory, user);
            kafka.SetAvailable(false);

            var points = Enumerable.Range(1, 50).Select(i => $$"""{"Avg": {{60 + i % 20}}, "date": "{{At(10 + i / 60.0)}}", "source": "Watch"}""").ToArray();
            var response = await client.PostAsync("/api/v1/sync", Json(Metric("heart_rate", "count/min", points)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var resend = await client.PostAsync("/api/v1/sync", Json(Metric("heart_rate", "count/min", points)));
            Assert.Equal(HttpStatusCode.OK, resend.StatusCode);

            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.True(await CountAsync(factory.DatabaseConnectionString, "SELECT count(*) FROM ingestion.outbox") > 0, "The events should wait in the outbox while the broker is down.");

            kafka.SetAvailable(true);
            var deadline = DateTime.UtcNow + Timeout;
            while (await CountAsync(factory.DatabaseConnectionString, "SELECT count(*) FROM ingestion.outbox") > 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "The outbox did not drain after the broker came back.");
                await Task.Delay(250);
            }

            var events = ReadAll(bootstrap).Where(e => e.Data.UserId == user).ToList();
            var cloudEvent = Assert.Single(events);
            Assert.Equal(EventTypes.ObservationsIngested, cloudEvent.Type);
            Assert.Equal("heart_rate", cloudEvent.Data.Metric);
            Assert.Equal("Watch", cloudEvent.Data.Source);
            Assert.Equal("count/min", cloudEvent.Data.Unit);
            Assert.Equal("health_export", cloudEvent.Data.Origin);
            Assert.Equal(50, cloudEvent.Data.Observations.Count);
            Assert.All(cloudEvent.Data.Observations, o => Assert.Equal(-480, o.UtcOffset));
            Assert.Equal(cloudEvent.Data.Observations.OrderBy(o => o.Timestamp).Select(o => o.Timestamp), cloudEvent.Data.Observations.Select(o => o.Timestamp));
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    private static List<CloudEvent<ObservationsIngested>> ReadAll(string bootstrap)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = bootstrap })
            .Build();
        using var consumer = new ConsumerBuilder<string, byte[]>(KafkaClientConfig.Consumer(configuration, NewId("sync-events"), "sync-events")).Build();
        using var admin = new AdminClientBuilder(KafkaClientConfig.Admin(configuration)).Build();
        var partitions = admin.GetMetadata(Topics.DeviceDataRaw, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(Topics.DeviceDataRaw, p.PartitionId)).ToList();
        var ends = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));

        var events = new List<CloudEvent<ObservationsIngested>>();
        var read = partitions.ToDictionary(p => p, _ => 0L);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (read.Any(r => r.Value < ends[r.Key]) && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { Message: { } message } result)
            {
                read[result.TopicPartition] = result.Offset.Value + 1;
                if (CloudEventSerializer.PeekType(message.Value) == EventTypes.ObservationsIngested)
                {
                    events.Add(CloudEventSerializer.Deserialize<ObservationsIngested>(message.Value));
                }
            }
        }
        return events;
    }

    private sealed class KafkaFactory(string bootstrap) : ServiceFactory<IngestionProgram>
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            settings["Sync:PartitionMonthsBehind"] = "1";
            settings["ConnectionStrings:messaging"] = bootstrap;
        }
    }
}
