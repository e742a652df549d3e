using Npgsql;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Data;

namespace VitaSense.Agents.Calibration;

/// <summary>Calibration factors and their history in PostgreSQL (<c>agents.calibration_factors</c>, <c>agents.calibration_history</c>).</summary>
public sealed class CalibrationStore(NpgsqlDataSource dataSource, SchemaReadiness readiness)
{
    private const string Columns = "source, device_id, metric, factor, confidence, pairs, status, reference_source, updated_at";

    /// <summary>Saves the current estimates of a user's sources, replacing what was saved before.</summary>
    public async Task SaveAsync(string userId, IReadOnlyList<CalibrationEstimate> estimates, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        if (estimates.Count == 0)
        {
            return;
        }
        await readiness.WaitAsync(cancellationToken);
        await using var batch = dataSource.CreateBatch();
        foreach (var estimate in estimates)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO agents.calibration_factors
                    (user_id, source, metric, device_id, factor, confidence, pairs, status, reference_source, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                ON CONFLICT (user_id, source, metric) DO UPDATE
                SET device_id = coalesce(excluded.device_id, calibration_factors.device_id), factor = excluded.factor,
                    confidence = excluded.confidence, pairs = excluded.pairs, status = excluded.status,
                    reference_source = excluded.reference_source, updated_at = excluded.updated_at
                """);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = estimate.Source });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = estimate.Metric });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)estimate.DeviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = estimate.Factor });
            command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = estimate.Confidence });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = estimate.Pairs });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = estimate.Status });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = estimate.ReferenceSource });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = updatedAt });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records an announced change; a replayed event (same id) is recorded once.</summary>
    public async Task AddHistoryAsync(Guid eventId, CalibrationChanged change, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO agents.calibration_history
                (event_id, user_id, source, metric, device_id, factor, previous_factor, confidence, pairs, status, recommendation, reference_source, occurred_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            ON CONFLICT (event_id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Source });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Metric });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)change.DeviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = change.Factor });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)change.PreviousFactor ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = change.Confidence });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = change.Pairs });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Status });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Recommendation });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.ReferenceSource });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = change.OccurredAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The saved factors of every source of a user's metric, the reference first.</summary>
    public async Task<IReadOnlyList<CalibrationFactor>> LoadAsync(string userId, string metric, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM agents.calibration_factors
            WHERE user_id = $1 AND metric = $2
            ORDER BY status = 'reference' DESC, updated_at, source
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metric });
        return await ReadFactorsAsync(command, cancellationToken);
    }

    /// <summary>The user's factors for a device, matched by device id or by source name.</summary>
    public async Task<IReadOnlyList<CalibrationFactor>> GetFactorsAsync(string userId, string device, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM agents.calibration_factors
            WHERE user_id = $1 AND (device_id = $2 OR source = $2)
            ORDER BY metric, source
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device });
        return await ReadFactorsAsync(command, cancellationToken);
    }

    /// <summary>The user's announced changes for a device, newest first.</summary>
    public async Task<IReadOnlyList<CalibrationHistoryEntry>> GetHistoryAsync(string userId, string device, int limit, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            SELECT event_id, metric, factor, previous_factor, confidence, pairs, status, recommendation, reference_source, occurred_at
            FROM agents.calibration_history
            WHERE user_id = $1 AND (device_id = $2 OR source = $2)
            ORDER BY occurred_at DESC, event_id
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var history = new List<CalibrationHistoryEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            history.Add(new CalibrationHistoryEntry(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetDouble(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.GetDouble(4),
                reader.GetInt32(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return history;
    }

    private static async Task<IReadOnlyList<CalibrationFactor>> ReadFactorsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var factors = new List<CalibrationFactor>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var status = reader.GetString(6);
            factors.Add(new CalibrationFactor(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.GetDouble(3),
                reader.GetDouble(4),
                reader.GetInt32(5),
                status,
                CalibrationStatus.RecommendationFor(status),
                reader.GetString(7),
                reader.GetFieldValue<DateTimeOffset>(8)));
        }
        return factors;
    }
}
