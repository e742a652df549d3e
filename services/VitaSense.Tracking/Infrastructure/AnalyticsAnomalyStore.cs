using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VitaSense.Tracking.Model.Analytics;
using VitaSense.Tracking.Model.Records;

namespace VitaSense.Tracking.Infrastructure;

/// <summary>The user's anomalies in <c>tracking.anomalies</c>, keyed by the reporting event's id so redeliveries store nothing twice.</summary>
public sealed class AnalyticsAnomalyStore(NpgsqlDataSource dataSource)
{
    /// <summary>Stores an anomaly of <paramref name="userId"/>; false when it was already stored.</summary>
    public async Task<bool> AddAsync(string userId, Anomaly anomaly, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO tracking.anomalies (anomaly_id, user_id, device_id, metric, anomaly_type, severity, detected_at, value, detail)
            VALUES (@id, @user, @device, @metric, @type, @severity, @at, @value, @detail)
            ON CONFLICT (anomaly_id) DO NOTHING
            """);
        command.Parameters.AddWithValue("id", anomaly.AnomalyId);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("device", (object?)anomaly.DeviceId ?? DBNull.Value);
        command.Parameters.AddWithValue("metric", (object?)anomaly.Metric ?? DBNull.Value);
        command.Parameters.AddWithValue("type", anomaly.AnomalyType);
        command.Parameters.AddWithValue("severity", (object?)anomaly.Severity ?? DBNull.Value);
        command.Parameters.AddWithValue("at", anomaly.DetectedAt);
        command.Parameters.AddWithValue("value", (object?)anomaly.Value ?? DBNull.Value);
        command.Parameters.Add(new NpgsqlParameter("detail", NpgsqlDbType.Jsonb)
        {
            Value = JsonSerializer.Serialize(new Detail(anomaly.Description, anomaly.Values)),
        });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>A page of the user's anomalies, newest first, detected in [<paramref name="start"/>, <paramref name="end"/>] and of <paramref name="severity"/> when given.</summary>
    public async Task<RecordPage<Anomaly>> ListAsync(string userId, DateTimeOffset? start, DateTimeOffset? end, string? severity, int limit, int offset, CancellationToken cancellationToken)
    {
        const string Filter = """
            user_id = @user AND (@start::timestamptz IS NULL OR detected_at >= @start) AND (@end::timestamptz IS NULL OR detected_at <= @end)
              AND (@severity::text IS NULL OR severity = @severity)
            """;
        await using var batch = dataSource.CreateBatch();
        NpgsqlBatchCommand[] commands =
        [
            new($"SELECT count(*) FROM tracking.anomalies WHERE {Filter}"),
            new($"""
                SELECT anomaly_id, device_id, metric, anomaly_type, severity, detected_at, value, detail
                FROM tracking.anomalies WHERE {Filter} ORDER BY detected_at DESC, anomaly_id LIMIT @limit OFFSET @offset
                """),
        ];
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
            command.Parameters.AddWithValue("user", userId);
            command.Parameters.Add(new NpgsqlParameter("start", NpgsqlDbType.TimestampTz) { Value = (object?)start ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("end", NpgsqlDbType.TimestampTz) { Value = (object?)end ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("severity", NpgsqlDbType.Text) { Value = (object?)severity ?? DBNull.Value });
            command.Parameters.AddWithValue("limit", limit);
            command.Parameters.AddWithValue("offset", offset);
        }
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var anomalies = new List<Anomaly>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var detail = reader.IsDBNull(7) ? null : JsonSerializer.Deserialize<Detail>(reader.GetString(7));
            anomalies.Add(new Anomaly
            {
                AnomalyId = reader.GetString(0),
                DeviceId = reader.IsDBNull(1) ? null : reader.GetString(1),
                Metric = reader.IsDBNull(2) ? null : reader.GetString(2),
                AnomalyType = reader.GetString(3),
                Severity = reader.IsDBNull(4) ? null : reader.GetString(4),
                DetectedAt = reader.GetFieldValue<DateTimeOffset>(5),
                Value = reader.IsDBNull(6) ? null : reader.GetDouble(6),
                Description = detail?.Description,
                Values = detail?.Values,
            });
        }
        return new RecordPage<Anomaly>(anomalies, total, limit, offset);
    }

    private sealed record Detail(string? Description, IReadOnlyDictionary<string, double>? Values);
}
