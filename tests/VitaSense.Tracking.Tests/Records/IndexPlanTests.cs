using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using VitaSense.Tracking.Infrastructure.Records;
using Xunit.Abstractions;
using static VitaSense.Tracking.Tests.Records.RecordsTestClient;

namespace VitaSense.Tracking.Tests.Records;

/// <summary>
/// With a million readings in each partitioned table, the queries the API runs for one user's time range are planned
/// on the indexes: no sequential scan of any partition they touch.
/// </summary>
public sealed class IndexPlanTests(TrackingFactory factory, ITestOutputHelper output) : IClassFixture<TrackingFactory>
{
    private const int Rows = 1_000_000;
    private const int Users = 1_000;

    [Fact]
    public async Task Metric_history_of_a_user_type_and_range_is_read_through_an_index()
    {
        await using var connection = await ReadyAsync();
        await FillAsync(connection, $"""
            INSERT INTO tracking.metrics (metric_id, user_id, metric_type, recorded_at, value, unit)
            SELECT gen_random_uuid(), 'bulk-' || (g % {Users}),
                (ARRAY['step_count', 'weight_body_mass', 'blood_oxygen_saturation', 'resting_heart_rate'])[1 + (g / {Users}) % 4],
                now() - g * interval '4 seconds', g % 1000, 'count'
            FROM generate_series(1, {Rows}) AS g
            """, "tracking.metrics");

        var to = DateTimeOffset.UtcNow;
        var from = to.AddDays(-7);
        var list = await PlanAsync(connection, MetricStore.ListSql(byType: true, from: true, to: true), "bulk-7", "step_count", from, to, 50, 0);
        var count = await PlanAsync(connection, MetricStore.ListSql(byType: true, from: true, to: true, count: true), "bulk-7", "step_count", from, to);
        var anyType = await PlanAsync(connection, MetricStore.ListSql(byType: false, from: true, to: true), "bulk-7", from, to, 50, 0);
        foreach (var plan in new[] { list, count, anyType })
        {
            AssertIndexedOnly(plan);
        }
        // The week touches at most the two monthly partitions it overlaps, not the whole table.
        Assert.InRange(Relations(list).Count, 1, 2);
    }

    [Fact]
    public async Task Heart_rate_history_of_a_user_and_range_is_read_through_an_index()
    {
        await using var connection = await ReadyAsync();
        await FillAsync(connection, $"""
            INSERT INTO tracking.heart_rate_samples (sample_id, user_id, recorded_at, bpm)
            SELECT gen_random_uuid(), 'bulk-' || (g % {Users}), now() - g * interval '4 seconds', 50 + g % 100
            FROM generate_series(1, {Rows}) AS g
            """, "tracking.heart_rate_samples");

        var to = DateTimeOffset.UtcNow;
        var from = to.AddDays(-7);
        AssertIndexedOnly(await PlanAsync(connection, HeartRateStore.ListSql(from: true, to: true), "bulk-7", from, to, 50, 0));
        AssertIndexedOnly(await PlanAsync(connection, HeartRateStore.ListSql(from: true, to: true, count: true), "bulk-7", from, to));
        AssertIndexedOnly(await PlanAsync(connection, HeartRateStore.ListSql(from: false, to: false), "bulk-7", 50, 0));
    }

    private async Task<NpgsqlConnection> ReadyAsync()
    {
        // The service migrates and creates the monthly partitions before it answers.
        var (client, _) = NewUser(factory);
        await GetAsync(client, "/api/v1/profile");
        var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task FillAsync(NpgsqlConnection connection, string insert, string table)
    {
        var watch = Stopwatch.StartNew();
        await using (var command = new NpgsqlCommand(insert, connection) { CommandTimeout = 600 })
        {
            Assert.Equal(Rows, await command.ExecuteNonQueryAsync());
        }
        await using (var analyze = new NpgsqlCommand($"ANALYZE {table}", connection) { CommandTimeout = 600 })
        {
            await analyze.ExecuteNonQueryAsync();
        }
        output.WriteLine($"{Rows} rows into {table} and ANALYZE in {watch.Elapsed}");
    }

    private async Task<JsonElement> PlanAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand($"EXPLAIN (FORMAT JSON) {sql}", connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter is DateTimeOffset at ? Db.Instant(at) : new NpgsqlParameter { Value = parameter });
        }
        var json = (string)(await command.ExecuteScalarAsync())!;
        output.WriteLine(sql);
        output.WriteLine(json);
        return JsonDocument.Parse(json).RootElement[0].GetProperty("Plan").Clone();
    }

    private static void AssertIndexedOnly(JsonElement plan)
    {
        var nodes = Nodes(plan).ToList();
        Assert.DoesNotContain(nodes, n => n.GetProperty("Node Type").GetString() == "Seq Scan");
        Assert.Contains(nodes, n => n.GetProperty("Node Type").GetString()!.Contains("Index", StringComparison.Ordinal));
    }

    private static List<string> Relations(JsonElement plan) =>
        Nodes(plan).Where(n => n.TryGetProperty("Relation Name", out _)).Select(n => n.GetProperty("Relation Name").GetString()!).Distinct().ToList();

    private static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }
}
