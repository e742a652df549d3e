using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace VitaSense.ServiceDefaults.Messaging;

/// <summary>
/// Client settings built from <c>ConnectionStrings:messaging</c> (bootstrap servers, as Aspire hands them over)
/// with the platform's defaults: idempotent, fully acknowledged producers; consumers that commit only
/// after processing and have a short session timeout, so a restarted consumer rejoins quickly.
/// </summary>
public static class KafkaClientConfig
{
    /// <summary>The connection-string name of the Kafka resource in the app model.</summary>
    public const string ConnectionName = "messaging";

    /// <summary>Bootstrap servers from configuration, or a clear error naming the missing key.</summary>
    public static string BootstrapServers(IConfiguration configuration, string connectionName = ConnectionName) =>
        configuration.GetRequiredConnectionString(connectionName, "Kafka bootstrap servers");

    /// <summary>An idempotent producer's settings.</summary>
    public static ProducerConfig Producer(IConfiguration configuration, string clientId)
    {
        KafkaNativeLibrary.EnsureLoaded();
        return new ProducerConfig
        {
            BootstrapServers = BootstrapServers(configuration),
            ClientId = clientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            BatchNumMessages = 10_000,
            CompressionType = CompressionType.Lz4,
            MessageTimeoutMs = 30_000,
        };
    }

    /// <summary>A consumer's settings: manual commits, earliest offset for a new group, short session timeout.</summary>
    public static ConsumerConfig Consumer(IConfiguration configuration, string groupId, string clientId)
    {
        KafkaNativeLibrary.EnsureLoaded();
        return new ConsumerConfig
        {
            BootstrapServers = BootstrapServers(configuration),
            GroupId = groupId,
            ClientId = clientId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6_000,
            HeartbeatIntervalMs = 1_500,
            MaxPollIntervalMs = 60_000,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        };
    }

    /// <summary>Admin client settings.</summary>
    public static AdminClientConfig Admin(IConfiguration configuration)
    {
        KafkaNativeLibrary.EnsureLoaded();
        return new AdminClientConfig { BootstrapServers = BootstrapServers(configuration) };
    }
}
