using Npgsql;
using VitaSense.Hosting;
using VitaSense.Hosting.Testing;

namespace VitaSense.TestSupport;

/// <summary>
/// One PostgreSQL, Redis and Kafka mock cluster per test process, started through the AppHost's testing entry point
/// (only the postgres/cache/messaging resources of the real app model), stopped at process exit.
/// </summary>
public sealed class TestInfrastructure
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly Lazy<Task<TestInfrastructure>> Instance = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private TestInfrastructure(string postgres, string redis, string kafka)
    {
        PostgresConnectionString = postgres;
        RedisConnectionString = redis;
        KafkaBootstrapServers = kafka;
    }

    /// <summary>Superuser connection string to the server's maintenance database "postgres".</summary>
    public string PostgresConnectionString { get; }

    /// <summary>Redis host:port.</summary>
    public string RedisConnectionString { get; }

    /// <summary>Kafka bootstrap servers (every topic of Contracts.Topics.All exists).</summary>
    public string KafkaBootstrapServers { get; }

    /// <summary>The process's infrastructure, started on first use.</summary>
    public static Task<TestInfrastructure> GetAsync() => Instance.Value;

    /// <summary>A fresh empty database named <c>{prefix}_{random}</c>; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var clean = new string(prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        // PostgreSQL names are at most 63 bytes: 30 for the prefix, 33 for "_" and the random part.
        var name = $"{clean[..Math.Min(30, clean.Length)]}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task<TestInfrastructure> StartAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VitaSense_AppHost>(timeout.Token);
        builder.KeepOnly("postgres", "vitasense", "cache", "messaging");
        var app = await builder.BuildAsync(timeout.Token);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => app.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30));
        try
        {
            await app.StartAsync(timeout.Token);
            foreach (var resource in new[] { "postgres", "vitasense", "cache", "messaging" })
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }

            var postgres = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync("postgres", timeout.Token)) { Database = "postgres" };
            return new TestInfrastructure(
                postgres.ConnectionString,
                (await app.GetConnectionStringAsync("cache", timeout.Token))!,
                (await app.GetConnectionStringAsync("messaging", timeout.Token))!);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
