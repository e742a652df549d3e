using System.Diagnostics;
using System.Reflection;
using Npgsql;
using NpgsqlTypes;
using VitaSense.Ingestion.Infrastructure.Observations;
using VitaSense.Ingestion.Model.HealthExport;
using VitaSense.Ingestion.Model.Observations;
using VitaSense.Ingestion.Model.Sync;
using VitaSense.Ingestion.Services.Sync;

namespace VitaSense.Ingestion.Benchmarks;

/// <summary>
/// The yardstick: the same export parsed and mapped (untimed) by the service's own reader and mapper into the same
/// rows, for another user, then one bare binary COPY per table straight into the real tables in one transaction: no
/// staging, no dedup, no events, no raw backup. Only the COPY and its commit are timed.
/// </summary>
/// <param name="Phase">Time, points and CPU of the COPY.</param>
/// <param name="Rows">Rows copied over every table.</param>
/// <param name="RowsByTable">Rows copied per table.</param>
public sealed record CopyBaseline(PhaseResult Phase, long Rows, IReadOnlyDictionary<string, long> RowsByTable)
{
    // No raw ingestion stands behind these rows; the column has no foreign key.
    private const long IngestionId = 0;

    private static readonly MethodInfo CopyTableMethod =
        typeof(CopyBaseline).GetMethod(nameof(CopyTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Rows per second.</summary>
    public double RowsPerSecond => Rows / Phase.Elapsed.TotalSeconds;

    /// <summary>Parses <paramref name="export"/> for <paramref name="userId"/>, then times copying its rows.</summary>
    public static async Task<CopyBaseline> RunAsync(IngestionService service, ExportFile export, string userId, CancellationToken cancellationToken)
    {
        var defaults = new SyncOptions();
        var mapper = new HealthExportRowMapper(userId, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(defaults.FutureToleranceSeconds), new IngestionSummary());
        var batch = new ObservationBatch();
        await using (var file = export.OpenRead())
        {
            await foreach (var item in new HealthExportReader(file, maxEntryBytes: defaults.MaxEntryBytes).ReadAsync(cancellationToken))
            {
                mapper.Add(item, batch);
            }
        }
        var points = mapper.Staged.Values.Sum();

        await using var connection = new NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await new StreamRegistry().ResolveAsync(connection, batch.Streams(), cancellationToken);
        await CheckpointAsync(connection, cancellationToken);

        var rowsByTable = new Dictionary<string, long>();
        var cpu = CpuUse.Start(service);
        var started = Stopwatch.GetTimestamp();
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var table in ObservationTables.All)
            {
                var copy = (Task<long>)CopyTableMethod.MakeGenericMethod(table.GetType().GetGenericArguments()[0])
                    .Invoke(null, [table, connection, batch, cancellationToken])!;
                if (await copy is var rows and > 0)
                {
                    rowsByTable[table.Table] = rows;
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new CopyBaseline(new PhaseResult("bare binary COPY", points, elapsed, cpu.Stop()), rowsByTable.Values.Sum(), rowsByTable);
    }

    /// <summary>Flushes dirty pages so a checkpoint started by an earlier phase's writes does not land in the next one.</summary>
    public static async Task CheckpointAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
        await checkpoint.ExecuteNonQueryAsync(cancellationToken);
    }

    // The same COPY the service uses for rows of streams with nothing stored yet, straight into the table.
    private static async Task<long> CopyTableAsync<TRow>(StagingTable<TRow> table, NpgsqlConnection connection, ObservationBatch batch, CancellationToken cancellationToken)
    {
        var rows = table.Rows(batch);
        if (rows.Count == 0)
        {
            return 0;
        }
        await table.CopyAsync(connection, $"ingestion.{table.Table}", rows, IngestionId, cancellationToken);
        return rows.Count;
    }
}
