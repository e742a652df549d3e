using Confluent.Kafka;
using Npgsql;
using StackExchange.Redis;
using VitaSense.Contracts;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.TestSupport;

namespace VitaSense.AppHost.Tests;

/// <summary>The shared test infrastructure gives real, working servers.</summary>
public sealed class TestInfrastructureTests
{
    [Fact]
    public async Task Postgres_answers_a_query()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        await using var connection = new NpgsqlConnection(infrastructure.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task CreateDatabaseAsync_gives_a_fresh_empty_database()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var first = await infrastructure.CreateDatabaseAsync("engine");
        var second = await infrastructure.CreateDatabaseAsync("engine");
        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);

        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Redis_answers_ping()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);
        var latency = await redis.GetDatabase().PingAsync();
        Assert.True(latency >= TimeSpan.Zero);
        var key = $"engine-test:{Guid.NewGuid():N}";
        await redis.GetDatabase().StringSetAsync(key, "value", TimeSpan.FromMinutes(1));
        Assert.Equal("value", (string?)await redis.GetDatabase().StringGetAsync(key));
    }

    [Fact]
    public async Task Kafka_delivers_a_message_to_a_consumer_group()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        KafkaNativeLibrary.EnsureLoaded();
        var key = Guid.NewGuid().ToString("N");

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = infrastructure.KafkaBootstrapServers }).Build())
        {
            await producer.ProduceAsync(Topics.DeviceLifecycle, new Message<string, string> { Key = key, Value = "hello" });
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = infrastructure.KafkaBootstrapServers,
            GroupId = $"engine-test-{key}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6_000,
        }).Build();
        consumer.Subscribe(Topics.DeviceLifecycle);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        ConsumeResult<string, string>? found = null;
        while (found is null && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(1));
            if (result?.Message.Key == key)
            {
                found = result;
            }
        }

        consumer.Close();
        Assert.NotNull(found);
        Assert.Equal("hello", found.Message.Value);
    }
}
