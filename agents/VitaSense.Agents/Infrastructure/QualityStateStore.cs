using Npgsql;
using NpgsqlTypes;
using VitaSense.Agents.Quality;
using VitaSense.ServiceDefaults.Data;

namespace VitaSense.Agents.Infrastructure;

/// <summary>The data quality agent's per-stream state in PostgreSQL (<c>agents.quality_stream_state</c>).</summary>
public sealed class QualityStateStore(NpgsqlDataSource dataSource, SchemaReadiness readiness)
{
    /// <summary>The agents' database schema.</summary>
    public const string Schema = "agents";

    /// <summary>The saved state of a stream, read into <paramref name="empty"/>; null if none was saved.</summary>
    public async Task<StreamStateEntry?> LoadAsync((string UserId, string Source, string Metric) stream, StreamQualityState empty, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            SELECT state, kafka_partition, kafka_offset FROM agents.quality_stream_state
            WHERE user_id = $1 AND source = $2 AND metric = $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Source });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Metric });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var state = StreamStateSerializer.Deserialize(reader.GetFieldValue<byte[]>(0), empty);
        return new StreamStateEntry(state, reader.GetInt32(1), reader.GetInt64(2));
    }

    /// <summary>Saves many streams' states in one statement, each replacing what was saved before.</summary>
    public async Task SaveManyAsync(IReadOnlyCollection<KeyValuePair<(string UserId, string Source, string Metric), StreamStateEntry>> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }
        await readiness.WaitAsync(cancellationToken);
        // One round trip for the whole batch: arrays unnested into rows (keys are distinct, ON CONFLICT allows no repeats).
        await using var command = dataSource.CreateCommand("""
            INSERT INTO agents.quality_stream_state (user_id, source, metric, state, kafka_partition, kafka_offset, updated_at)
            SELECT user_id, source, metric, state, kafka_partition, kafka_offset, now()
            FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::integer[], $6::bigint[])
                AS batch (user_id, source, metric, state, kafka_partition, kafka_offset)
            ON CONFLICT (user_id, source, metric) DO UPDATE
            SET state = excluded.state, kafka_partition = excluded.kafka_partition, kafka_offset = excluded.kafka_offset, updated_at = now()
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = entries.Select(e => e.Key.UserId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = entries.Select(e => e.Key.Source).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = entries.Select(e => e.Key.Metric).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>
        {
            TypedValue = entries.Select(e => StreamStateSerializer.Serialize(e.Value.State)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea,
        });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = entries.Select(e => e.Value.Partition).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = entries.Select(e => e.Value.Offset).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
