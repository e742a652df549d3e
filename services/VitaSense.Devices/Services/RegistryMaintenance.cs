using Npgsql;
using VitaSense.ServiceDefaults.Data;

namespace VitaSense.Devices.Services;

/// <summary>
/// Forgets ids of counted events after <see cref="Retention"/>: Kafka redelivers within minutes (a crash, a rebalance),
/// never weeks later, so older ids only cost space.
/// </summary>
public sealed class RegistryMaintenance(NpgsqlDataSource dataSource, SchemaReadiness readiness, TimeProvider time, ILogger<RegistryMaintenance> logger)
    : BackgroundService
{
    /// <summary>How long a counted event's id is kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var command = dataSource.CreateCommand("DELETE FROM devices.consumed_events WHERE consumed_at < $1");
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() - Retention });
                var deleted = await command.ExecuteNonQueryAsync(stoppingToken);
                logger.LogDebug("Forgot {Count} consumed event ids", deleted);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(ex, "Could not prune devices.consumed_events; retrying later");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
