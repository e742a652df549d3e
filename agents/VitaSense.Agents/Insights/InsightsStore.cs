using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Data;

namespace VitaSense.Agents.Insights;

/// <summary>
/// The agents' read side in PostgreSQL: anomalies, quality issues and daily values per user. Every write is
/// idempotent (keyed by event or issue id) and every read is filtered by the caller's user id.
/// </summary>
public sealed class InsightsStore(NpgsqlDataSource dataSource, SchemaReadiness readiness)
{
    /// <summary>The most daily values a forecast reads (two years): older days add little and cost training time.</summary>
    public const int MaxSeriesDays = 730;

    /// <summary>Records an anomaly; a redelivered event (same id) is recorded once.</summary>
    public async Task AddAnomalyAsync(string eventId, DeviceAnomalyDetected anomaly, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO agents.anomalies (id, user_id, device_id, type, severity, detected_at, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = anomaly.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = anomaly.DeviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = anomaly.AnomalyType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = anomaly.Severity });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = anomaly.DetectedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(anomaly), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a quality issue; the same issue id is recorded once.</summary>
    public async Task AddQualityIssueAsync(DataQualityIssueDetected issue, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO agents.quality_issues (issue_id, user_id, device_id, source, metric, issue_type, severity, timestamp, value, detail)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (issue_id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = issue.IssueId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = issue.UserId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)issue.DeviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = issue.Source });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = issue.Metric });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = issue.IssueType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = issue.Severity });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = issue.Timestamp.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = issue.Value is { } v && double.IsFinite(v) ? v : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = issue.Detail });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Adds <paramref name="readings"/> to the user's daily values of <paramref name="metric"/>, once per
    /// <paramref name="eventKey"/>: the key and the sums are written in one transaction, so a redelivered event (or a
    /// crash between the two) never counts twice. Returns false when the event was already recorded.
    /// </summary>
    public async Task<bool> AddDailyReadingsAsync(string eventKey, string userId, string metric, IEnumerable<DailyReading> readings, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var claim = new NpgsqlCommand("INSERT INTO agents.recorded_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING", connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventKey });
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch)
        {
            foreach (var day in readings.GroupBy(r => r.Day))
            {
                var last = day.MaxBy(r => r.Timestamp);
                var command = new NpgsqlBatchCommand("""
                    INSERT INTO agents.daily_values AS d (user_id, metric, day, sum, count, min, max, last, last_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                    ON CONFLICT (user_id, metric, day) DO UPDATE SET
                        sum = d.sum + excluded.sum,
                        count = d.count + excluded.count,
                        min = LEAST(d.min, excluded.min),
                        max = GREATEST(d.max, excluded.max),
                        last = CASE WHEN excluded.last_at >= d.last_at THEN excluded.last ELSE d.last END,
                        last_at = GREATEST(d.last_at, excluded.last_at)
                    """);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metric });
                command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = day.Key });
                command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = day.Sum(r => r.Value) });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = day.Count() });
                command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = day.Min(r => r.Value) });
                command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = day.Max(r => r.Value) });
                command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = last.Value });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = last.Timestamp.ToUniversalTime() });
                batch.BatchCommands.Add(command);
            }
            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Forgets the processed events recorded before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PruneRecordedEventsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("DELETE FROM agents.recorded_events WHERE recorded_at < $1");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The user's anomalies of a device, newest first.</summary>
    public async Task<IReadOnlyList<AnomalyRecord>> GetAnomaliesAsync(string userId, string deviceId, int limit, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            SELECT id, device_id, type, severity, detected_at, payload::text
            FROM agents.anomalies
            WHERE user_id = $1 AND device_id = $2
            ORDER BY detected_at DESC, id
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deviceId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var anomalies = new List<AnomalyRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            using var payload = JsonDocument.Parse(reader.GetString(5));
            anomalies.Add(new AnomalyRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                payload.RootElement.Clone()));
        }
        return anomalies;
    }

    /// <summary>The user's quality issues of a device, matched by device id or by source, newest first.</summary>
    public async Task<IReadOnlyList<QualityIssueRecord>> GetQualityIssuesAsync(string userId, string device, int limit, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            SELECT issue_id, device_id, source, metric, issue_type, severity, timestamp, value, detail
            FROM agents.quality_issues
            WHERE user_id = $1 AND (device_id = $2 OR source = $2)
            ORDER BY timestamp DESC, issue_id
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var issues = new List<QualityIssueRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            issues.Add(new QualityIssueRecord(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetDouble(7),
                reader.GetString(8)));
        }
        return issues;
    }

    /// <summary>
    /// The user's daily series of <paramref name="metric"/> (its last <see cref="MaxSeriesDays"/> days), oldest first,
    /// each day's value per <see cref="DailyMetrics.AggregationFor"/>.
    /// </summary>
    public async Task<IReadOnlyList<(DateOnly Day, double Value)>> GetDailySeriesAsync(string userId, string metric, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            SELECT day, sum, count FROM agents.daily_values
            WHERE user_id = $1 AND metric = $2
            ORDER BY day DESC
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metric });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = MaxSeriesDays });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var series = new List<(DateOnly, double)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            series.Add((reader.GetFieldValue<DateOnly>(0), DailyMetrics.ValueOf(metric, reader.GetDouble(1), reader.GetInt32(2))));
        }
        series.Reverse();
        return series;
    }
}
