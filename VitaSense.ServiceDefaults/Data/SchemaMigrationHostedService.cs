using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace VitaSense.ServiceDefaults.Data;

/// <summary>
/// Migrates every registered schema during start-up, before the server takes requests. A database that is
/// still starting is retried for <see cref="StartupTimeout"/>; after that start-up fails loudly.
/// </summary>
public sealed class SchemaMigrationHostedService(
    IEnumerable<SchemaMigrationSet> sets,
    SchemaMigrator migrator,
    SchemaReadiness readiness,
    ILogger<SchemaMigrationHostedService> logger) : IHostedService
{
    /// <summary>How long start-up waits for the database to accept the migrations.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + StartupTimeout;
        foreach (var schema in sets.GroupBy(s => s.Schema, StringComparer.Ordinal))
        {
            var migrations = schema.SelectMany(s => s.Migrations).ToList();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await migrator.MigrateAsync(schema.Key, migrations, cancellationToken);
                    break;
                }
                catch (Exception ex) when (ex is NpgsqlException { IsTransient: true } or TimeoutException && DateTimeOffset.UtcNow < deadline)
                {
                    logger.LogWarning(ex, "Database not ready for migrations of {Schema} (attempt {Attempt}); retrying", schema.Key, attempt);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
                }
            }
        }
        readiness.MarkReady();
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
