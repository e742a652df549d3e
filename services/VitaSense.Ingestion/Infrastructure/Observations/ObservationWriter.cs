using System.Collections.Concurrent;
using Npgsql;
using VitaSense.Contracts;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Model.Observations;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Ingestion.Infrastructure.Observations;

/// <summary>
/// Commits batches of observations for one ingestion on one connection: binary COPY of each table's rows into
/// session temp tables, then one statement that merges them into the real tables (a row already stored is
/// skipped), writes the newly stored readings to the outbox as CloudEvents of up to
/// <see cref="PointsPerEvent"/> points per stream, and answers how many rows of each stream were new. All of a
/// batch commits or none of it. Not thread-safe: one writer per ingestion.
/// </summary>
public sealed class ObservationWriter : IAsyncDisposable
{
    /// <summary>Most readings in one published event: keeps a message well under Kafka's 1 MB default.</summary>
    public const int PointsPerEvent = 1000;

    private static readonly ConcurrentDictionary<int, string> MergeStatements = new();

    private readonly NpgsqlConnection connection;
    private readonly StreamRegistry streams;
    private readonly long ingestionId;
    private int batchNumber;

    private ObservationWriter(NpgsqlConnection connection, StreamRegistry streams, long ingestionId)
    {
        this.connection = connection;
        this.streams = streams;
        this.ingestionId = ingestionId;
    }

    /// <summary>Opens a writer for the readings of ingestion <paramref name="ingestionId"/>.</summary>
    public static async Task<ObservationWriter> OpenAsync(NpgsqlDataSource dataSource, StreamRegistry streams, long ingestionId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // Event JSON renders timestamps in the session time zone: UTC, like every other producer's events.
            var setup = "SET TIME ZONE 'UTC';" + string.Concat(ObservationTables.All.Select(t => t.CreateStaging + ";"));
            await using var command = new NpgsqlCommand(setup, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new ObservationWriter(connection, streams, ingestionId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Commits <paramref name="batch"/>; returns the number of newly stored rows per stream (absent: none).</summary>
    public async Task<IReadOnlyDictionary<StreamRef, int>> WriteAsync(ObservationBatch batch, CancellationToken cancellationToken)
    {
        var accepted = new Dictionary<StreamRef, int>();
        if (batch.Count == 0)
        {
            return accepted;
        }
        var batchStreams = batch.Streams().ToList();
        await streams.ResolveAsync(connection, batchStreams, cancellationToken);

        var number = ++batchNumber;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var present = 0;
        for (var i = 0; i < ObservationTables.All.Count; i++)
        {
            if (await ObservationTables.All[i].CopyAsync(connection, batch, cancellationToken) > 0)
            {
                present |= 1 << i;
            }
        }

        var byId = batchStreams.ToDictionary(s => s.Id);
        await using (var merge = new NpgsqlCommand(MergeStatements.GetOrAdd(present, BuildMerge), connection, transaction))
        {
            merge.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ingestionId });
            merge.Parameters.Add(new NpgsqlParameter<int> { TypedValue = number });
            await using var reader = await merge.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                accepted[byId[reader.GetInt32(0)]] = (int)reader.GetInt64(1);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return accepted;
    }

    // One statement per combination of tables present in a batch, built once: a batch of heart rate only plans
    // and runs nothing for the other eleven tables.
    private static string BuildMerge(int present)
    {
        var tables = ObservationTables.All.Where((_, i) => (present & (1 << i)) != 0).ToList();
        var counted = tables.Where(t => t.Accepted is not null).ToList();
        var ctes = tables.Select(t => t.MergeCte).ToList();
        if (counted.Count == 0)
        {
            return $"WITH {string.Join(",\n", ctes)}\nSELECT 0::int, 0::bigint WHERE false";
        }
        ctes.Add($"accepted AS ({string.Join(" UNION ALL ", counted.Select(t => $"SELECT * FROM i_{t.Table}"))})");
        ctes.Add($"""
            chunked AS (
                SELECT a.*, (row_number() OVER (PARTITION BY stream_id ORDER BY observed_at) - 1) / {PointsPerEvent} AS chunk
                FROM accepted a)
            """);
        ctes.Add($"""
            events AS (
                INSERT INTO {OutboxTable.QualifiedName(Extensions.Extensions.Schema)} (topic, key, payload)
                SELECT '{Topics.DeviceDataRaw}', coalesce(s.device_id, s.user_id || ':' || s.source),
                    convert_to(json_strip_nulls(json_build_object(
                        'specversion', '1.0',
                        'id', md5($1 || ':' || $2 || ':' || s.stream_id || ':' || c.chunk)::uuid,
                        'type', '{EventTypes.ObservationsIngested}',
                        'source', '{ObservationEvents.Source}',
                        'subject', coalesce(s.device_id, s.source),
                        'time', max(c.observed_at),
                        'datacontenttype', 'application/json',
                        'data', json_build_object(
                            'user_id', s.user_id, 'metric', s.metric, 'source', s.source, 'device_id', s.device_id,
                            'unit', s.unit, 'origin', s.origin, 'ingestion_id', $1,
                            'observations', json_agg(json_build_object(
                                'timestamp', c.observed_at, 'utc_offset', c.utc_offset, 'value', c.v, 'values', c.vals,
                                'quality', c.quality) ORDER BY c.observed_at))))::text, 'UTF8')
                FROM chunked c JOIN ingestion.streams s USING (stream_id)
                GROUP BY s.stream_id, c.chunk
                ORDER BY min(c.observed_at), s.stream_id)
            """);
        return $"WITH {string.Join(",\n", ctes)}\nSELECT stream_id, count(*) FROM accepted GROUP BY stream_id";
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
