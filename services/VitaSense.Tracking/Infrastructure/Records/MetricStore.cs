using Npgsql;
using NpgsqlTypes;
using VitaSense.Tracking.Model.Metrics;
using VitaSense.Tracking.Model.Records;

namespace VitaSense.Tracking.Infrastructure.Records;

/// <summary>
/// Reads and writes <c>tracking.metrics</c> (partitioned by month of <c>recorded_at</c>); every statement is limited to
/// one user's rows. Filters are written into the SQL only when given, so the planner prunes partitions and uses
/// <c>metrics_user_type_time</c> rather than planning for "any type, any time".
/// </summary>
public sealed class MetricStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "metric_id, metric_type, recorded_at, utc_offset, value, unit, \"values\", device_id, notes, source, quality_score, created_at";

    /// <summary>Structured components summarised per type.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Components = new Dictionary<string, string[]>
    {
        [MetricTypes.BloodPressure] = ["systolic", "diastolic", "pulse"],
    };

    /// <summary>
    /// The list query: $1 user, then $2 metric type when <paramref name="byType"/>, then the lower and upper bounds when
    /// given, then limit and offset. Public so the index test explains exactly what the API runs.
    /// </summary>
    public static string ListSql(bool byType, bool from, bool to, bool count = false) =>
        Db.TimeRangeSql("tracking.metrics", Columns, "metric_id", byType ? "metric_type" : null, from, to, count);

    /// <summary>Stores a manual reading; returns it as stored.</summary>
    public async Task<MetricReading> InsertAsync(string userId, MetricReading reading, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = reading with { Id = Guid.CreateVersion7(now), Source = RecordSources.Manual, CreatedAt = now };
        await using var command = dataSource.CreateCommand("""
            INSERT INTO tracking.metrics (metric_id, user_id, metric_type, recorded_at, utc_offset, value, unit, "values", device_id, notes, source, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = stored.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = stored.MetricType });
        command.Parameters.Add(Db.Instant(stored.Timestamp));
        command.Parameters.Add(new NpgsqlParameter { Value = Db.Offset(stored.Timestamp) });
        command.Parameters.Add(Db.Value(stored.Value, NpgsqlDbType.Double));
        command.Parameters.Add(Db.Value(stored.Unit, NpgsqlDbType.Text));
        command.Parameters.Add(Db.Json(stored.Values));
        command.Parameters.Add(Db.Value(stored.DeviceId, NpgsqlDbType.Text));
        command.Parameters.Add(Db.Value(stored.Notes, NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter { Value = stored.Source });
        command.Parameters.Add(Db.Instant(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return stored;
    }

    /// <summary>Stores readings from the device stream; a reading already stored under its source reference is left as is.</summary>
    public async Task<int> InsertDeviceAsync(string userId, string? deviceId, IReadOnlyList<DeviceMetric> readings, CancellationToken cancellationToken)
    {
        if (readings.Count == 0)
        {
            return 0;
        }
        await using var command = dataSource.CreateCommand("""
            INSERT INTO tracking.metrics (metric_id, user_id, metric_type, recorded_at, utc_offset, value, unit, "values", device_id, quality_score, source, source_ref)
            SELECT id, $1, type, at, off, val, unit, vals::jsonb, $2, quality, 'device', ref
            FROM unnest($3::uuid[], $4::text[], $5::timestamptz[], $6::smallint[], $7::float8[], $8::text[], $9::text[], $10::float8[], $11::text[])
                AS t(id, type, at, off, val, unit, vals, quality, ref)
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(Db.Value(deviceId, NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter { Value = readings.Select(r => r.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = readings.Select(r => r.MetricType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = readings.Select(r => r.Timestamp.ToUniversalTime()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = readings.Select(r => r.UtcOffset).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = readings.Select(r => r.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter { Value = readings.Select(r => r.Unit).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = readings.Select(r => r.ValuesJson).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = readings.Select(r => (double?)r.QualityScore).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter { Value = readings.Select(r => r.SourceRef).ToArray() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A page of the user's readings (of one type, when given), newest first, and how many match in all.</summary>
    public async Task<(IReadOnlyList<MetricReading> Items, long Total)> ListAsync(string userId, string? metricType, RecordQuery query, CancellationToken cancellationToken)
    {
        var (byType, from, to) = (metricType is not null, query.From is not null, query.To is not null);
        return await Db.PageAsync(dataSource, ListSql(byType, from, to, count: true), ListSql(byType, from, to),
            parameters =>
            {
                parameters.Add(new NpgsqlParameter { Value = userId });
                if (metricType is not null)
                {
                    parameters.Add(new NpgsqlParameter { Value = metricType });
                }
                if (query.From is not null)
                {
                    parameters.Add(Db.Instant(query.From));
                }
                if (query.To is not null)
                {
                    parameters.Add(Db.Instant(query.To));
                }
            },
            query, Read, cancellationToken);
    }

    /// <summary>The user's newest reading of each metric type.</summary>
    public async Task<IReadOnlyList<MetricReading>> LatestAsync(string userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT DISTINCT ON (metric_type) {Columns} FROM tracking.metrics WHERE user_id = $1 ORDER BY metric_type, recorded_at DESC, metric_id DESC
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<MetricReading>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }
        return items;
    }

    /// <summary>Count, min, mean, max, last and least-squares slope per type (and per component) over [from, to).</summary>
    public async Task<IReadOnlyList<MetricSummary>> SummarizeAsync(string userId, string? metricType, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var typeFilter = metricType is null ? "" : " AND metric_type = $4";
        await using var command = dataSource.CreateCommand($"""
            WITH points AS (
                SELECT metric_type, unit, recorded_at, '' AS component, value AS x
                FROM tracking.metrics
                WHERE user_id = $1 AND recorded_at >= $2 AND recorded_at < $3{typeFilter} AND value IS NOT NULL
                UNION ALL
                SELECT metric_type, unit, recorded_at, c.key, c.value::float8
                FROM tracking.metrics CROSS JOIN LATERAL jsonb_each("values") AS c
                WHERE user_id = $1 AND recorded_at >= $2 AND recorded_at < $3{typeFilter} AND metric_type = '{MetricTypes.BloodPressure}'
                  AND c.key IN ('systolic', 'diastolic', 'pulse') AND jsonb_typeof(c.value) = 'number'
            )
            SELECT metric_type, component, max(unit), count(*), min(x), avg(x), max(x), (array_agg(x ORDER BY recorded_at DESC))[1],
                max(recorded_at), extract(epoch FROM max(recorded_at) - min(recorded_at)) / 86400.0,
                regr_slope(x, extract(epoch FROM recorded_at) / 86400.0)
            FROM points GROUP BY metric_type, component ORDER BY metric_type, component
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(Db.Instant(from));
        command.Parameters.Add(Db.Instant(to));
        if (metricType is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = metricType });
        }
        var summaries = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var type = reader.GetString(0);
            var component = reader.GetString(1);
            var avg = Db.Double(reader, 5);
            var statistics = new MetricStatistics
            {
                Count = reader.GetInt64(3),
                Min = Db.Double(reader, 4),
                Avg = avg is { } a ? Math.Round(a, 3) : null,
                Max = Db.Double(reader, 6),
                Last = Db.Double(reader, 7),
                LastAt = reader.GetFieldValue<DateTimeOffset>(8),
                Trend = MetricTrend.From(Db.Double(reader, 10), reader.IsDBNull(9) ? 0 : Convert.ToDouble(reader.GetValue(9)), avg),
            };
            var summary = summaries.GetValueOrDefault(type) ?? new MetricSummary { MetricType = type, Unit = Db.Text(reader, 2) };
            summaries[type] = component.Length == 0
                ? summary with { Statistics = statistics }
                : summary with { Components = new Dictionary<string, MetricStatistics>(summary.Components ?? new Dictionary<string, MetricStatistics>()) { [component] = statistics } };
        }
        return summaries.Values.ToList();
    }

    private static MetricReading Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        MetricType = reader.GetString(1),
        Timestamp = Db.Local(reader, 2, reader.GetInt16(3)),
        Value = Db.Double(reader, 4),
        Unit = Db.Text(reader, 5),
        Values = Db.Json(reader, 6) ?? default,
        DeviceId = Db.Text(reader, 7),
        Notes = Db.Text(reader, 8),
        Source = reader.GetString(9),
        QualityScore = Db.Double(reader, 10),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(11),
    };
}
