using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using VitaSense.Contracts;
using VitaSense.ServiceDefaults.Messaging;

namespace VitaSense.Agents.Tests;

/// <summary>A real producer, and readers that scan a whole topic from the beginning with their own random group id.</summary>
public sealed class KafkaTestClient : IDisposable
{
    private readonly IConfiguration configuration;
    private readonly IProducer<string?, byte[]> producer;

    public KafkaTestClient(string bootstrapServers)
    {
        configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = bootstrapServers })
            .Build();
        producer = new ProducerBuilder<string?, byte[]>(KafkaClientConfig.Producer(configuration, "agents-tests")).Build();
    }

    public Task ProduceAsync<TData>(string topic, string key, CloudEvent<TData> cloudEvent) =>
        ProduceAsync(topic, key, CloudEventSerializer.Serialize(cloudEvent));

    public async Task ProduceAsync(string topic, string key, byte[] value)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var message = new Message<string?, byte[]>
        {
            Key = key,
            Value = value,
            Headers = CloudEventSerializer.KafkaHeaders(),
        };
        await producer.ProduceAsync(topic, message, timeout.Token);
    }

    /// <summary>
    /// Reads <paramref name="topic"/> from the beginning until <paramref name="done"/> holds for the messages with
    /// key <paramref name="key"/>, or <paramref name="timeout"/> passes; returns those messages either way.
    /// </summary>
    public Task<List<ConsumeResult<string?, byte[]>>> ReadAsync(
        string topic, string key, TimeSpan timeout, Func<IReadOnlyList<ConsumeResult<string?, byte[]>>, bool> done) =>
        Task.Run(() =>
        {
            var found = new List<ConsumeResult<string?, byte[]>>();
            var config = KafkaClientConfig.Consumer(configuration, $"agents-tests-{Guid.NewGuid():N}", "agents-tests-reader");
            using var admin = new AdminClientBuilder(KafkaClientConfig.Admin(configuration)).Build();
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
                .Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning))
                .ToList();
            using var consumer = new ConsumerBuilder<string?, byte[]>(config).Build();
            // Assigned, not subscribed: no group join to wait for.
            consumer.Assign(partitions);
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline && !done(found))
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result?.Message is not null && result.Message.Key == key)
                {
                    found.Add(result);
                }
            }
            consumer.Close();
            return found;
        });

    public void Dispose()
    {
        producer.Flush(TimeSpan.FromSeconds(10));
        producer.Dispose();
    }
}
