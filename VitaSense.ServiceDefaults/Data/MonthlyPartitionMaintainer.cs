using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace VitaSense.ServiceDefaults.Data;

/// <summary>
/// Keeps monthly range partitions (UTC months, named <c>&lt;table&gt;_pYYYYMM</c>) from
/// <see cref="MonthlyPartitionedTable.MonthsBehind"/> to <see cref="MonthlyPartitionedTable.MonthsAhead"/> around
/// today, plus a <c>&lt;table&gt;_default</c> partition so a row with an odd date is never refused. When a month is
/// created later, rows of that month already in the default partition are moved into it in the same transaction
/// (a plain <c>CREATE TABLE ... PARTITION OF</c> would fail on them).
/// </summary>
public sealed class MonthlyPartitionMaintainer(
    IEnumerable<MonthlyPartitionedTable> tables,
    NpgsqlDataSource dataSource,
    SchemaReadiness readiness,
    TimeProvider time,
    ILogger<MonthlyPartitionMaintainer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);
    private bool ensuredAtStart;

    /// <summary>
    /// Creates the partitions before the service takes requests when the schema is already migrated (migrations
    /// registered first); otherwise the loop does it as soon as they are. The default partition belongs in the
    /// table's own migration, so inserts never depend on this having run.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (readiness.IsReady)
        {
            await EnsureAllAsync(cancellationToken);
            ensuredAtStart = true;
        }
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Ensures the partitions of every registered table for the current date.</summary>
    public async Task EnsureAllAsync(CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            try
            {
                await EnsureAsync(table, time.GetUtcNow(), cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Rows still land in the default partition, so this is worth a warning, not a crash.
                logger.LogWarning(ex, "Could not maintain partitions of {Schema}.{Table}", table.Schema, table.Table);
            }
        }
    }

    /// <summary>Ensures the default partition and the monthly partitions around <paramref name="now"/>.</summary>
    public async Task EnsureAsync(MonthlyPartitionedTable table, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var qualified = $"{SchemaName.Validate(table.Schema)}.{SchemaName.Validate(table.Table)}";
        var column = SchemaName.Validate(table.Column);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"CREATE TABLE IF NOT EXISTS {qualified}_default PARTITION OF {qualified} DEFAULT", cancellationToken);

        var month = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (var offset = -table.MonthsBehind; offset <= table.MonthsAhead; offset++)
        {
            var from = month.AddMonths(offset);
            var to = from.AddMonths(1);
            var partition = $"{qualified}_p{from.ToString("yyyyMM", CultureInfo.InvariantCulture)}";

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Serialises replicas maintaining the same table.
            await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock(hashtextextended('partitions:{qualified}', 0))", cancellationToken);
            await using (var exists = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", connection))
            {
                exists.Parameters.AddWithValue("name", partition);
                if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
                {
                    await transaction.CommitAsync(cancellationToken);
                    continue;
                }
            }

            var bounds = $"FROM ('{from:yyyy-MM-dd} 00:00:00+00') TO ('{to:yyyy-MM-dd} 00:00:00+00')";
            await ExecuteAsync(connection, $"""
                CREATE TABLE {partition} (LIKE {qualified} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE);
                WITH moved AS (
                    DELETE FROM {qualified}_default
                    WHERE "{column}" >= '{from:yyyy-MM-dd} 00:00:00+00' AND "{column}" < '{to:yyyy-MM-dd} 00:00:00+00'
                    RETURNING *)
                INSERT INTO {partition} SELECT * FROM moved;
                ALTER TABLE {qualified} ATTACH PARTITION {partition} FOR VALUES {bounds};
                """, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Created partition {Partition}", partition);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!ensuredAtStart)
        {
            await readiness.WaitAsync(stoppingToken);
            await EnsureAllAsync(stoppingToken);
        }
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await EnsureAllAsync(stoppingToken);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
