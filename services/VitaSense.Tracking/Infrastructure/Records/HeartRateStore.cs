using Npgsql;
using NpgsqlTypes;
using VitaSense.Tracking.Model.HeartRate;
using VitaSense.Tracking.Model.Records;

namespace VitaSense.Tracking.Infrastructure.Records;

/// <summary>
/// Reads and writes <c>tracking.heart_rate_samples</c> (partitioned by month); every statement is limited to one user's
/// rows, and range filters are written into the SQL only when given so partitions are pruned.
/// </summary>
public sealed class HeartRateStore(NpgsqlDataSource dataSource)
{
    /// <summary>Fewest samples of the last 30 days from which a resting heart rate is estimated.</summary>
    public const int MinSamplesForResting = 10;

    /// <summary>Longest time one sample stands for in time-in-zone.</summary>
    public static readonly TimeSpan MaxSampleSpan = TimeSpan.FromMinutes(5);

    private const string Columns = "sample_id, recorded_at, utc_offset, bpm, hrv_ms, context, device_id, source, quality_score, created_at";

    /// <summary>The list query: $1 user, then the lower and upper bounds when given, then limit and offset.</summary>
    public static string ListSql(bool from, bool to, bool count = false) =>
        Db.TimeRangeSql("tracking.heart_rate_samples", Columns, "sample_id", null, from, to, count);

    /// <summary>Stores a manual sample; returns it as stored.</summary>
    public async Task<HeartRateSample> InsertAsync(string userId, HeartRateSample sample, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = sample with { Id = Guid.CreateVersion7(now), Source = RecordSources.Manual, CreatedAt = now };
        await using var command = dataSource.CreateCommand("""
            INSERT INTO tracking.heart_rate_samples (sample_id, user_id, recorded_at, utc_offset, bpm, hrv_ms, context, device_id, source, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = stored.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(Db.Instant(stored.Timestamp));
        command.Parameters.Add(new NpgsqlParameter { Value = Db.Offset(stored.Timestamp) });
        command.Parameters.Add(new NpgsqlParameter { Value = stored.Bpm });
        command.Parameters.Add(Db.Value(stored.HrvMs, NpgsqlDbType.Double));
        command.Parameters.Add(Db.Value(stored.Context, NpgsqlDbType.Text));
        command.Parameters.Add(Db.Value(stored.DeviceId, NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter { Value = stored.Source });
        command.Parameters.Add(Db.Instant(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return stored;
    }

    /// <summary>Stores samples from the device stream; one already stored under its source reference is left as is.</summary>
    public async Task<int> InsertDeviceAsync(string userId, string? deviceId, IReadOnlyList<DeviceHeartRate> samples, CancellationToken cancellationToken)
    {
        if (samples.Count == 0)
        {
            return 0;
        }
        await using var command = dataSource.CreateCommand("""
            INSERT INTO tracking.heart_rate_samples (sample_id, user_id, recorded_at, utc_offset, bpm, device_id, quality_score, source, source_ref)
            SELECT id, $1, at, off, bpm, $2, quality, 'device', ref
            FROM unnest($3::uuid[], $4::timestamptz[], $5::smallint[], $6::float8[], $7::float8[], $8::text[]) AS t(id, at, off, bpm, quality, ref)
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(Db.Value(deviceId, NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter { Value = samples.Select(s => s.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = samples.Select(s => s.Timestamp.ToUniversalTime()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = samples.Select(s => s.UtcOffset).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = samples.Select(s => s.Bpm).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = samples.Select(s => s.QualityScore).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = samples.Select(s => s.SourceRef).ToArray() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A page of the user's samples, newest first, and how many match in all.</summary>
    public async Task<(IReadOnlyList<HeartRateSample> Items, long Total)> ListAsync(string userId, RecordQuery query, CancellationToken cancellationToken)
    {
        return await Db.PageAsync(dataSource, ListSql(query.From is not null, query.To is not null, count: true), ListSql(query.From is not null, query.To is not null),
            parameters =>
            {
                parameters.Add(new NpgsqlParameter { Value = userId });
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

    private static HeartRateSample Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        Timestamp = Db.Local(reader, 1, reader.GetInt16(2)),
        Bpm = reader.GetDouble(3),
        HrvMs = Db.Double(reader, 4),
        Context = Db.Text(reader, 5),
        DeviceId = Db.Text(reader, 6),
        Source = reader.GetString(7),
        QualityScore = Db.Double(reader, 8),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(9),
    };

    /// <summary>The 5th percentile of the user's samples since <paramref name="since"/>; null with too few samples.</summary>
    public async Task<double?> MeasuredRestingAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*), percentile_cont(0.05) WITHIN GROUP (ORDER BY bpm)
            FROM tracking.heart_rate_samples WHERE user_id = $1 AND recorded_at >= $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(Db.Instant(since));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt64(0) >= MinSamplesForResting ? reader.GetDouble(1) : null;
    }

    /// <summary>
    /// Samples and seconds per bucket of <paramref name="bounds"/> over [from, to): bucket 0 is below the first bound,
    /// bucket i is [bounds[i-1], bounds[i]), the last is at or above the last bound. Each sample stands for the time until
    /// the next one (or the period's end), at most <see cref="MaxSampleSpan"/>.
    /// </summary>
    public async Task<Dictionary<int, (long Samples, double Seconds)>> TimeInBucketsAsync(string userId, DateTimeOffset from, DateTimeOffset to,
        double[] bounds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH s AS (
                SELECT bpm, recorded_at, lead(recorded_at) OVER (ORDER BY recorded_at) AS next
                FROM tracking.heart_rate_samples WHERE user_id = $1 AND recorded_at >= $2 AND recorded_at < $3
            )
            SELECT width_bucket(bpm, $4::float8[]), count(*),
                sum(extract(epoch FROM least(coalesce(next, $3), recorded_at + $5::interval) - recorded_at))::float8
            FROM s GROUP BY 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(Db.Instant(from));
        command.Parameters.Add(Db.Instant(to));
        command.Parameters.Add(new NpgsqlParameter { Value = bounds });
        command.Parameters.Add(new NpgsqlParameter { Value = MaxSampleSpan, NpgsqlDbType = NpgsqlDbType.Interval });
        var buckets = new Dictionary<int, (long, double)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            buckets[reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetDouble(2));
        }
        return buckets;
    }
}
