using Npgsql;
using NpgsqlTypes;
using VitaSense.Tracking.Model.Activities;
using VitaSense.Tracking.Model.Records;

namespace VitaSense.Tracking.Infrastructure.Records;

/// <summary>Reads and writes <c>tracking.activities</c>; every statement is limited to one user's rows.</summary>
public sealed class ActivityStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        activity_id, activity_type, start_time, end_time, utc_offset, duration_minutes, distance_km, calories_burned, steps,
        elevation_gain_m, pace_min_per_km, average_heart_rate, heart_rate_data, route, weather, notes, device_id, source, created_at, updated_at
        """;

    /// <summary>Stores a new manual activity; returns it as stored.</summary>
    public async Task<Activity> InsertAsync(string userId, Activity activity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = activity with { Id = Guid.CreateVersion7(now), Source = RecordSources.Manual, CreatedAt = now, UpdatedAt = now };
        await using var command = dataSource.CreateCommand();
        Insert(command, userId, stored, sourceRef: null);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return stored;
    }

    /// <summary>Stores activities from the device stream; one already stored under its source reference is left as is.</summary>
    public async Task<int> InsertDeviceAsync(string userId, IReadOnlyList<(Activity Activity, string SourceRef)> activities, CancellationToken cancellationToken)
    {
        if (activities.Count == 0)
        {
            return 0;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (activity, sourceRef) in activities)
        {
            var command = new NpgsqlBatchCommand();
            Insert(command, userId, activity with { Source = RecordSources.Device }, sourceRef);
            batch.BatchCommands.Add(command);
        }
        return await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The user's activity, or null when there is none with this id (or it is someone else's).</summary>
    public async Task<Activity?> GetAsync(string userId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM tracking.activities WHERE user_id = $1 AND activity_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>A page of the user's activities, newest start first, and how many match in all.</summary>
    public async Task<(IReadOnlyList<Activity> Items, long Total)> ListAsync(string userId, string? activityType, RecordQuery query, CancellationToken cancellationToken)
    {
        const string Filter = """
            WHERE user_id = $1 AND ($2::text IS NULL OR activity_type = $2)
              AND ($3::timestamptz IS NULL OR start_time >= $3) AND ($4::timestamptz IS NULL OR start_time < $4)
            """;
        return await Db.PageAsync(dataSource,
            $"SELECT count(*) FROM tracking.activities {Filter}",
            $"SELECT {Columns} FROM tracking.activities {Filter} ORDER BY start_time DESC, activity_id DESC LIMIT $5 OFFSET $6",
            parameters =>
            {
                parameters.Add(new NpgsqlParameter { Value = userId });
                parameters.Add(Db.Value(activityType, NpgsqlDbType.Text));
                parameters.Add(Db.Instant(query.From));
                parameters.Add(Db.Instant(query.To));
            },
            query, Read, cancellationToken);
    }

    /// <summary>Replaces the user's activity's fields; null when there is no such activity of theirs.</summary>
    public async Task<Activity?> UpdateAsync(string userId, Activity activity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE tracking.activities SET activity_type = $3, start_time = $4, end_time = $5, utc_offset = $6, duration_minutes = $7,
                distance_km = $8, calories_burned = $9, steps = $10, elevation_gain_m = $11, pace_min_per_km = $12, average_heart_rate = $13,
                heart_rate_data = $14, route = $15, weather = $16, notes = $17, device_id = $18, updated_at = $19
            WHERE user_id = $1 AND activity_id = $2
            RETURNING {Columns}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = activity.Id });
        AddFields(command.Parameters, activity);
        command.Parameters.Add(Db.Instant(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Deletes the user's activity; false when there is no such activity of theirs.</summary>
    public async Task<bool> DeleteAsync(string userId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM tracking.activities WHERE user_id = $1 AND activity_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static void Insert(NpgsqlCommand command, string userId, Activity activity, string? sourceRef)
    {
        command.CommandText = InsertSql;
        AddInsertParameters(command.Parameters, userId, activity, sourceRef);
    }

    private static void Insert(NpgsqlBatchCommand command, string userId, Activity activity, string? sourceRef)
    {
        command.CommandText = InsertSql;
        AddInsertParameters(command.Parameters, userId, activity, sourceRef);
    }

    private const string InsertSql = """
        INSERT INTO tracking.activities (activity_id, user_id, activity_type, start_time, end_time, utc_offset, duration_minutes, distance_km,
            calories_burned, steps, elevation_gain_m, pace_min_per_km, average_heart_rate, heart_rate_data, route, weather, notes, device_id,
            source, source_ref, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $21)
        ON CONFLICT DO NOTHING
        """;

    private static void AddInsertParameters(NpgsqlParameterCollection parameters, string userId, Activity activity, string? sourceRef)
    {
        parameters.Add(new NpgsqlParameter { Value = activity.Id });
        parameters.Add(new NpgsqlParameter { Value = userId });
        AddFields(parameters, activity);
        parameters.Add(new NpgsqlParameter { Value = activity.Source });
        parameters.Add(Db.Value(sourceRef, NpgsqlDbType.Text));
        parameters.Add(Db.Instant(activity.CreatedAt));
    }

    // $3..$18 of both the insert and the update, in the same order.
    private static void AddFields(NpgsqlParameterCollection parameters, Activity activity)
    {
        parameters.Add(new NpgsqlParameter { Value = activity.ActivityType });
        parameters.Add(Db.Instant(activity.StartTime));
        parameters.Add(Db.Instant(activity.EndTime));
        parameters.Add(new NpgsqlParameter { Value = Db.Offset(activity.StartTime) });
        parameters.Add(new NpgsqlParameter { Value = activity.DurationMinutes });
        parameters.Add(Db.Value(activity.DistanceKm, NpgsqlDbType.Double));
        parameters.Add(Db.Value(activity.CaloriesBurned, NpgsqlDbType.Double));
        parameters.Add(Db.Value(activity.Steps, NpgsqlDbType.Integer));
        parameters.Add(Db.Value(activity.ElevationGainM, NpgsqlDbType.Double));
        parameters.Add(Db.Value(activity.PaceMinPerKm, NpgsqlDbType.Double));
        parameters.Add(Db.Value(activity.AverageHeartRate, NpgsqlDbType.Double));
        parameters.Add(Db.Json(activity.HeartRateData));
        parameters.Add(Db.Json(activity.Route));
        parameters.Add(Db.Json(activity.Weather));
        parameters.Add(Db.Value(activity.Notes, NpgsqlDbType.Text));
        parameters.Add(Db.Value(activity.DeviceId, NpgsqlDbType.Text));
    }

    private static Activity Read(NpgsqlDataReader reader)
    {
        var offset = reader.GetInt16(4);
        return new Activity
        {
            Id = reader.GetGuid(0),
            ActivityType = reader.GetString(1),
            StartTime = Db.Local(reader, 2, offset),
            EndTime = Db.Local(reader, 3, offset),
            DurationMinutes = reader.GetDouble(5),
            DistanceKm = Db.Double(reader, 6),
            CaloriesBurned = Db.Double(reader, 7),
            Steps = reader.IsDBNull(8) ? null : reader.GetInt32(8),
            ElevationGainM = Db.Double(reader, 9),
            PaceMinPerKm = Db.Double(reader, 10),
            AverageHeartRate = Db.Double(reader, 11),
            HeartRateData = Db.Json(reader, 12),
            Route = Db.Json(reader, 13),
            Weather = Db.Json(reader, 14),
            Notes = Db.Text(reader, 15),
            DeviceId = Db.Text(reader, 16),
            Source = reader.GetString(17),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(18),
            UpdatedAt = reader.GetFieldValue<DateTimeOffset>(19),
        };
    }
}
