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

    /// <summary>Saves a stream's state, replacing what was saved before.</summary>
    public async Task SaveAsync((string UserId, string Source, string Metric) stream, StreamStateEntry entry, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO agents.quality_stream_state (user_id, source, metric, state, kafka_partition, kafka_offset, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, now())
            ON CONFLICT (user_id, source, metric) DO UPDATE
            SET state = excluded.state, kafka_partition = excluded.kafka_partition, kafka_offset = excluded.kafka_offset, updated_at = now()
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Source });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Metric });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = StreamStateSerializer.Serialize(entry.State), NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = entry.Partition });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.Offset });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
