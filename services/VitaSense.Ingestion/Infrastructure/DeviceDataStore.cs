using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VitaSense.Ingestion.Model.DeviceData;

namespace VitaSense.Ingestion.Infrastructure;

/// <summary>
/// Reads and deletes one device's readings. The device's streams are looked up first (by user and device, through
/// <c>streams_device</c>); the observation tables are then read per stream by their (stream_id, observed_at) keys,
/// newest first, so a device with years of minute-level data answers its newest readings without scanning them all.
/// The columns are those of the <c>ingestion.observations</c> view, plus <c>health_records</c> for kept-whole entries.
/// </summary>
public sealed class DeviceDataStore(NpgsqlDataSource dataSource)
{
    private sealed record DeviceStream(int Id, string Metric, string? Unit);

    // (table, value, structured values, quality) of every table a stream's readings can be in.
    private static readonly (string Table, string Value, string Values, string Quality)[] Tables =
    [
        ("quantity_observations", "t.value", "NULL::jsonb", "t.quality"),
        ("heart_rate_observations", "t.avg", "jsonb_strip_nulls(jsonb_build_object('min', t.min, 'avg', t.avg, 'max', t.max))", "t.quality"),
        ("blood_pressure_observations", "NULL::float8", "jsonb_build_object('systolic', t.systolic, 'diastolic', t.diastolic)", "t.quality"),
        ("blood_glucose_observations", "t.value", "nullif(jsonb_strip_nulls(jsonb_build_object('meal_time', t.meal_time)), '{}'::jsonb)", "t.quality"),
        ("sleep_sessions", "t.total_sleep", """
            jsonb_strip_nulls(jsonb_build_object('asleep', t.asleep, 'core', t.core, 'deep', t.deep, 'rem', t.rem,
                'awake', t.awake, 'in_bed', t.in_bed, 'sleep_start', t.sleep_start, 'sleep_end', t.sleep_end,
                'in_bed_start', t.in_bed_start, 'in_bed_end', t.in_bed_end))
            """, "NULL::text"),
        ("sleep_stages", "extract(epoch FROM t.ended_at - t.observed_at)::float8 / 3600.0", "jsonb_build_object('stage', t.stage, 'ended_at', t.ended_at)", "NULL::text"),
        ("health_records", "NULL::float8", "t.payload", "NULL::text"),
    ];

    // Tables holding a stream's readings directly, deleted by time; workouts' samples and routes go with their workout.
    private static readonly string[] DeletedByTime =
        ["quantity_observations", "heart_rate_observations", "blood_pressure_observations", "blood_glucose_observations",
         "sleep_stages", "sleep_sessions", "ecg_recordings", "symptoms", "health_records"];

    // $1 stream ids, $2/$3 time range (null: open), $4 rows per stream and table, $5 rows in all (null: every row).
    private static readonly string ReadSql = $"""
        WITH d AS (SELECT unnest($1::int[]) AS stream_id)
        SELECT x.stream_id, x.observed_at, x.utc_offset, x.v, x.vals::text, x.quality FROM (
        {string.Join("\nUNION ALL\n", Tables.Select(t => $"""
            SELECT d.stream_id, o.* FROM d CROSS JOIN LATERAL (
                SELECT t.observed_at, t.utc_offset, {t.Value} AS v, {t.Values} AS vals, {t.Quality} AS quality
                FROM ingestion.{t.Table} t
                WHERE t.stream_id = d.stream_id
                  AND t.observed_at >= coalesce($2, '-infinity'::timestamptz) AND t.observed_at <= coalesce($3, 'infinity'::timestamptz)
                ORDER BY t.observed_at DESC
                LIMIT $4) o
            """))}
        ) x
        ORDER BY x.observed_at DESC, x.stream_id
        LIMIT $5
        """;

    private static readonly string DeleteSql = $"""
        WITH {string.Join(",\n", DeletedByTime.Select(table => $"""
            {table} AS (
                DELETE FROM ingestion.{table} t
                WHERE t.stream_id = ANY($1)
                  AND t.observed_at >= coalesce($2, '-infinity'::timestamptz) AND t.observed_at <= coalesce($3, 'infinity'::timestamptz)
                RETURNING 1)
            """))},
        workouts AS (
            DELETE FROM ingestion.workouts t
            WHERE t.stream_id = ANY($1)
              AND t.observed_at >= coalesce($2, '-infinity'::timestamptz) AND t.observed_at <= coalesce($3, 'infinity'::timestamptz)
            RETURNING t.stream_id, t.workout_key),
        workout_heart_rate AS (
            DELETE FROM ingestion.workout_heart_rate h USING workouts w
            WHERE h.stream_id = w.stream_id AND h.workout_key = w.workout_key),
        workout_route AS (
            DELETE FROM ingestion.workout_route r USING workouts w
            WHERE r.stream_id = w.stream_id AND r.workout_key = w.workout_key)
        SELECT {string.Join(" + ", DeletedByTime.Append("workouts").Select(table => $"(SELECT count(*) FROM {table})"))}
        """;

    /// <summary>The device's readings, newest first, at most <see cref="DeviceDataQuery.Limit"/>.</summary>
    public async Task<IReadOnlyList<DeviceReading>> ReadAsync(string userId, string deviceId, DeviceDataQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var streams = await StreamsAsync(connection, null, userId, deviceId, query.DataType, cancellationToken);
        return streams.Count == 0 ? [] : await ReadAsync(connection, streams, query.Start, query.End, query.Limit, query.Limit, cancellationToken);
    }

    /// <summary>The newest reading of each of the device's data types (of <paramref name="dataType"/> only, when given).</summary>
    public async Task<IReadOnlyList<DeviceReading>> LatestAsync(string userId, string deviceId, string? dataType, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var streams = await StreamsAsync(connection, null, userId, deviceId, dataType, cancellationToken);
        if (streams.Count == 0)
        {
            return [];
        }
        var newest = await ReadAsync(connection, streams, null, null, 1, null, cancellationToken);
        // Newest first, so the first reading of a type is its latest (several streams can share a type).
        return newest.DistinctBy(r => r.DataType).OrderBy(r => r.DataType, StringComparer.Ordinal).ToList();
    }

    /// <summary>Deletes the device's readings selected by <paramref name="query"/> in one transaction; returns how many.</summary>
    public async Task<long> DeleteAsync(string userId, string deviceId, DeviceDataQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var streams = await StreamsAsync(connection, transaction, userId, deviceId, query.DataType, cancellationToken);
        if (streams.Count == 0)
        {
            return 0;
        }
        await using var command = new NpgsqlCommand(DeleteSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = streams.Select(s => s.Id).ToArray() });
        AddRange(command, query.Start, query.End);
        var deleted = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    private static async Task<List<DeviceStream>> StreamsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string userId, string deviceId,
        string? metric, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT stream_id, metric, unit FROM ingestion.streams
            WHERE user_id = $1 AND device_id = $2 AND ($3::text IS NULL OR metric = $3)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)metric ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var streams = new List<DeviceStream>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            streams.Add(new DeviceStream(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        return streams;
    }

    private static async Task<List<DeviceReading>> ReadAsync(NpgsqlConnection connection, List<DeviceStream> streams, DateTimeOffset? start, DateTimeOffset? end,
        int perStream, int? limit, CancellationToken cancellationToken)
    {
        var byId = streams.ToDictionary(s => s.Id);
        await using var command = new NpgsqlCommand(ReadSql, connection);
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = byId.Keys.ToArray() });
        AddRange(command, start, end);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = perStream });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)limit ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });

        var readings = new List<DeviceReading>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stream = byId[reader.GetInt32(0)];
            var observedAt = reader.GetFieldValue<DateTimeOffset>(1).ToOffset(TimeSpan.FromMinutes(reader.GetInt16(2)));
            readings.Add(new DeviceReading(
                stream.Metric,
                observedAt,
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : Json(reader.GetString(4)),
                stream.Unit,
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return readings;
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static void AddRange(NpgsqlCommand command, DateTimeOffset? start, DateTimeOffset? end)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)start?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)end?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }
}
