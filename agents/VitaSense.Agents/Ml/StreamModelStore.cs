using Npgsql;
using NpgsqlTypes;
using VitaSense.ServiceDefaults.Data;

namespace VitaSense.Agents.Ml;

/// <summary>Each stream's latest trained <see cref="PcaAnomalyModel"/> in PostgreSQL (<c>agents.stream_models</c>).</summary>
public sealed class StreamModelStore(NpgsqlDataSource dataSource, SchemaReadiness readiness)
{
    /// <summary>Saves a stream's model, replacing the one saved before.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="model">The trained model.</param>
    /// <param name="trainedAt">When training finished.</param>
    /// <param name="trainingSize">Values the model was trained on.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    public async Task SaveAsync((string UserId, string Source, string Metric) stream, PcaAnomalyModel model, DateTimeOffset trainedAt, int trainingSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO agents.stream_models (user_id, source, metric, version, trained_at, training_size, model)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (user_id, source, metric) DO UPDATE
            SET version = excluded.version, trained_at = excluded.trained_at, training_size = excluded.training_size, model = excluded.model
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Source });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Metric });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = model.Version });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = trainedAt });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = trainingSize });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = model.ToBytes(), NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The stream's saved model, or null when none was saved.</summary>
    /// <exception cref="InvalidDataException">The saved bytes are not a model of the current format.</exception>
    public async Task<PcaAnomalyModel?> LoadAsync((string UserId, string Source, string Metric) stream, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            SELECT model FROM agents.stream_models WHERE user_id = $1 AND source = $2 AND metric = $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Source });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Metric });
        var bytes = await command.ExecuteScalarAsync(cancellationToken) as byte[];
        return bytes is null ? null : PcaAnomalyModel.Load(bytes);
    }
}
