using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VitaSense.ServiceDefaults.Data;
using static VitaSense.Ingestion.Tests.TestData;

namespace VitaSense.Ingestion.Tests;

/// <summary>The schema the service migrates at start-up, and monthly partition maintenance.</summary>
public sealed class StorageTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    [Fact]
    public async Task Migrations_are_recorded_and_running_them_again_changes_nothing()
    {
        factory.CreateClient();
        const string applied = "SELECT count(*) FROM ingestion.schema_migrations";
        var before = await CountAsync(factory.DatabaseConnectionString, applied);
        // The outbox's migrations and every file under Infrastructure/Migrations.
        var sqlFiles = Directory.GetFiles(Path.Combine(RepositoryRoot(), "services", "VitaSense.Ingestion", "Infrastructure", "Migrations"), "*.sql").Length;
        Assert.Equal(OutboxMigrations + sqlFiles, before);

        var migrator = factory.Services.GetRequiredService<SchemaMigrator>();
        var sets = factory.Services.GetServices<SchemaMigrationSet>().Where(s => s.Schema == "ingestion").SelectMany(s => s.Migrations);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => migrator.MigrateAsync("ingestion", sets, CancellationToken.None)));

        Assert.Equal(before, await CountAsync(factory.DatabaseConnectionString, applied));
    }

    [Fact]
    public async Task History_is_partitioned_by_month_and_rows_of_a_new_month_move_out_of_the_default_partition()
    {
        var client = ClientFor(factory, NewId("user"));
        var device = NewId("sensor");
        await client.PostAsJsonAsync("/status", Status(device, MinutesAgo(1)));
        var month = $"ingestion.device_status_history_p{DateTime.UtcNow:yyyyMM}";
        Assert.Equal(month, await PartitionOfAsync(device));

        // A date far outside the maintained months lands in the default partition...
        var far = new DateTimeOffset(2031, 3, 10, 12, 0, 0, TimeSpan.Zero);
        await using (var dataSource = NpgsqlDataSource.Create(factory.DatabaseConnectionString))
        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO ingestion.device_status_history (user_id, device_id, "timestamp", battery_level, rssi, online)
            VALUES ('partition-test', @device, @ts, 1, -1, true)
            """))
        {
            insert.Parameters.AddWithValue("device", device);
            insert.Parameters.AddWithValue("ts", far);
            await insert.ExecuteNonQueryAsync();
        }
        Assert.Equal("ingestion.device_status_history_default", await PartitionOfAsync(device, "partition-test"));

        // ...and moves into its own partition when the maintainer reaches that month.
        var maintainer = factory.Services.GetRequiredService<MonthlyPartitionMaintainer>();
        var table = factory.Services.GetServices<MonthlyPartitionedTable>().Single(t => t.Table == "device_status_history");
        await maintainer.EnsureAsync(table, far, CancellationToken.None);

        Assert.Equal("ingestion.device_status_history_p203103", await PartitionOfAsync(device, "partition-test"));
        Assert.Equal(1, await CountAsync(factory.DatabaseConnectionString,
            "SELECT count(*) FROM pg_class WHERE oid = to_regclass('ingestion.device_status_history_p203106')"));
    }

    private const int OutboxMigrations = 2;

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VitaSense.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("VitaSense.sln not found above the test output.");
    }

    private async Task<string> PartitionOfAsync(string device, string? user = null)
    {
        await using var dataSource = NpgsqlDataSource.Create(factory.DatabaseConnectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT tableoid::regclass::text FROM ingestion.device_status_history
            WHERE device_id = @device AND (@user::text IS NULL OR user_id = @user) ORDER BY "timestamp" DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("device", device);
        command.Parameters.AddWithValue("user", (object?)user ?? DBNull.Value);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
