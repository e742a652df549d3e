using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using VitaSense.Contracts;
using VitaSense.ServiceDefaults.Messaging;
using Xunit;

namespace VitaSense.TestSupport;

/// <summary>Kafka clients for tests, configured as the services configure theirs.</summary>
public static class TestKafka
{
    /// <summary>A configuration holding only the messaging connection string, for <see cref="KafkaClientConfig"/>.</summary>
    public static IConfiguration Configuration(string bootstrapServers) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = bootstrapServers })
        .Build();

    /// <summary>A consumer assigned to every partition of <paramref name="topic"/> at its current end: it sees only new messages.</summary>
    public static IConsumer<string, byte[]> ConsumerAtEnd(string bootstrapServers, string topic)
    {
        var configuration = Configuration(bootstrapServers);
        using var admin = new AdminClientBuilder(KafkaClientConfig.Admin(configuration)).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId))
            .ToList();
        var consumer = new ConsumerBuilder<string, byte[]>(KafkaClientConfig.Consumer(configuration, $"tests-{Guid.NewGuid():N}", "tests")).Build();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High)));
        return consumer;
    }

    /// <summary>Publishes a CloudEvent as another service would, with a real producer, and waits until it is stored.</summary>
    public static async Task PublishAsync<TData>(string bootstrapServers, string topic, string type, string key, TData data,
        DateTimeOffset? time = null, string? id = null)
    {
        using var producer = new ProducerBuilder<string?, byte[]>(KafkaClientConfig.Producer(Configuration(bootstrapServers), "tests")).Build();
        var cloudEvent = new CloudEvent<TData>
        {
            Id = id ?? Guid.NewGuid().ToString(),
            Type = type,
            Source = "/tests",
            Subject = key,
            Time = time ?? DateTimeOffset.UtcNow,
            Data = data,
        };
        var result = await producer.ProduceAsync(topic, new Message<string?, byte[]>
        {
            Key = key,
            Value = CloudEventSerializer.Serialize(cloudEvent),
            Headers = CloudEventSerializer.KafkaHeaders(),
        });
        Assert.Equal(PersistenceStatus.Persisted, result.Status);
    }
}
