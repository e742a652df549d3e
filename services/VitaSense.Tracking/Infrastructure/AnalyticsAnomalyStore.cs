using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VitaSense.Tracking.Infrastructure.Records;
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
            user_id = $1 AND ($2::timestamptz IS NULL OR detected_at >= $2) AND ($3::timestamptz IS NULL OR detected_at <= $3)
              AND ($4::text IS NULL OR severity = $4)
            """;
        var (anomalies, total) = await Db.PageAsync(dataSource,
            $"SELECT count(*) FROM tracking.anomalies WHERE {Filter}",
            $"""
                SELECT anomaly_id, device_id, metric, anomaly_type, severity, detected_at, value, detail
                FROM tracking.anomalies WHERE {Filter} ORDER BY detected_at DESC, anomaly_id LIMIT $5 OFFSET $6
                """,
            parameters =>
            {
                parameters.Add(new NpgsqlParameter { Value = userId });
                parameters.Add(Db.Instant(start));
                parameters.Add(Db.Instant(end));
                parameters.Add(Db.Value(severity, NpgsqlDbType.Text));
            },
            limit, offset, Read, cancellationToken);
        return new RecordPage<Anomaly>(anomalies, total, limit, offset);
    }

    private static Anomaly Read(NpgsqlDataReader reader)
    {
        var detail = reader.IsDBNull(7) ? null : JsonSerializer.Deserialize<Detail>(reader.GetString(7));
        return new Anomaly
        {
            AnomalyId = reader.GetString(0),
            DeviceId = Db.Text(reader, 1),
            Metric = Db.Text(reader, 2),
            AnomalyType = reader.GetString(3),
            Severity = Db.Text(reader, 4),
            DetectedAt = reader.GetFieldValue<DateTimeOffset>(5),
            Value = Db.Double(reader, 6),
            Description = detail?.Description,
            Values = detail?.Values,
        };
    }

    private sealed record Detail(string? Description, IReadOnlyDictionary<string, double>? Values);
}
