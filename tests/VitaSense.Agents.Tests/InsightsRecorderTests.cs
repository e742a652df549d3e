extern alias agents;

using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VitaSense.Agents.Insights;
using VitaSense.Contracts;
using VitaSense.TestSupport;
using static VitaSense.Agents.Tests.InsightsEvents;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary>The insights recorder with a real Kafka and PostgreSQL: events in, rows read back from the agents schema.</summary>
[Collection(AgentsServiceCollection.Name)]
public sealed class InsightsRecorderTests(ServiceFactory<AgentsProgram> factory) : AgentsServiceTests(factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    private static readonly DateTimeOffset T0 = new(2025, 6, 2, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Anomalies_and_issues_are_recorded_once_per_id()
    {
        var userId = NewId("user");
        var deviceId = NewId("device");
        var anomaly = Anomaly(userId, deviceId, "low_battery", T0);
        var issue = Issue(userId, deviceId, deviceId, "out_of_range", T0);

        // Each redelivered, then a later event on the same key: once that is in, the redeliveries were handled.
        await Kafka.ProduceAsync(Topics.DeviceAnomalies, deviceId, anomaly);
        await Kafka.ProduceAsync(Topics.DeviceAnomalies, deviceId, anomaly);
        await Kafka.ProduceAsync(Topics.DeviceAnomalies, deviceId, Anomaly(userId, deviceId, "device_offline", T0.AddMinutes(5)));
        await Kafka.ProduceAsync(Topics.DataQualityIssues, deviceId, issue);
        await Kafka.ProduceAsync(Topics.DataQualityIssues, deviceId, issue);
        await Kafka.ProduceAsync(Topics.DataQualityIssues, deviceId, Issue(userId, deviceId, deviceId, "gap", T0.AddMinutes(5)));

        await EventuallyAsync(async () => await CountAsync("SELECT count(*) FROM agents.anomalies WHERE user_id = $1 AND type = 'device_offline'", userId) == 1 ? "" : null, Timeout, "the second anomaly");
        await EventuallyAsync(async () => await CountAsync("SELECT count(*) FROM agents.quality_issues WHERE user_id = $1 AND issue_type = 'gap'", userId) == 1 ? "" : null, Timeout, "the second issue");

        Assert.Equal(2, await CountAsync("SELECT count(*) FROM agents.anomalies WHERE user_id = $1", userId));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM agents.quality_issues WHERE user_id = $1", userId));
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT device_id, severity, detected_at, payload->>'description' FROM agents.anomalies WHERE id = $1", connection);
        command.Parameters.AddWithValue(anomaly.Id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(deviceId, reader.GetString(0));
        Assert.Equal("warning", reader.GetString(1));
        Assert.Equal(T0, reader.GetFieldValue<DateTimeOffset>(2));
        Assert.Equal($"low_battery on {deviceId}", reader.GetString(3));
    }

    [Fact]
    public async Task Processed_points_make_local_daily_values_counted_once()
    {
        var userId = NewId("user");
        var deviceId = NewId("device");
        // 22:00Z at +02:00 is the 3rd locally; 23:30Z at -05:00 is still the 2nd. Interpolated and duplicate
        // readings are not measurements and must not add steps.
        var first = Processed(userId, deviceId, "step_count",
        [
            Point(T0, 120, 100),
            Point(T0.AddMinutes(30), 120, 250),
            Point(T0.AddMinutes(31), 120, 40, interpolated: true, "interpolated"),
            Point(T0.AddMinutes(32), 120, 250, interpolated: false, "duplicate"),
            Point(T0.AddMinutes(90), -300, 70),
        ]);
        var second = Processed(userId, deviceId, "step_count", [Point(T0.AddDays(1), 120, 500)]);

        await Kafka.ProduceAsync(Topics.DeviceDataProcessed, deviceId, first);
        await Kafka.ProduceAsync(Topics.DeviceDataProcessed, deviceId, first);
        await Kafka.ProduceAsync(Topics.DeviceDataProcessed, deviceId, second);

        await EventuallyAsync(async () => await CountAsync("SELECT count(*) FROM agents.daily_values WHERE user_id = $1 AND day = '2025-06-04'", userId) == 1 ? "" : null, Timeout, "the second event's day");

        var rows = await DailyRowsAsync(userId);
        Assert.Equal(
        [
            "2025-06-02 sum=70 count=1 min=70 max=70 last=70",
            "2025-06-03 sum=350 count=2 min=100 max=250 last=250",
            "2025-06-04 sum=500 count=1 min=500 max=500 last=500",
        ], rows);
    }

    [Fact]
    public async Task Recorded_event_ids_are_forgotten_after_the_retention()
    {
        var old = NewId("old");
        var recent = NewId("recent");
        await WaitForTableAsync(Factory.DatabaseConnectionString, "agents.recorded_events");
        await using (var connection = await OpenAsync())
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO agents.recorded_events (event_id, recorded_at) VALUES ($1, now() - interval '31 days'), ($2, now() - interval '29 days')", connection);
            insert.Parameters.AddWithValue(old);
            insert.Parameters.AddWithValue(recent);
            await insert.ExecuteNonQueryAsync();
        }

        Assert.True(await Factory.Services.GetRequiredService<InsightsRetention>().PruneAsync(CancellationToken.None) >= 1);

        Assert.Equal(0, await CountAsync("SELECT count(*) FROM agents.recorded_events WHERE event_id = $1", old));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM agents.recorded_events WHERE event_id = $1", recent));
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Factory.DatabaseConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<long> CountAsync(string sql, string userId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(userId);
        try
        {
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Not migrated yet: the host is still starting.
            return 0;
        }
    }

    private async Task<List<string>> DailyRowsAsync(string userId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT day, sum, count, min, max, last FROM agents.daily_values WHERE user_id = $1 AND metric = 'step_count' ORDER BY day", connection);
        command.Parameters.AddWithValue(userId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetFieldValue<DateOnly>(0):yyyy-MM-dd} sum={reader.GetDouble(1)} count={reader.GetInt32(2)} min={reader.GetDouble(3)} max={reader.GetDouble(4)} last={reader.GetDouble(5)}");
        }
        return rows;
    }
}
