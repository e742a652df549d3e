using Npgsql;
using NpgsqlTypes;
using VitaSense.Tracking.Model.Records;
using VitaSense.Tracking.Model.Sleep;

namespace VitaSense.Tracking.Infrastructure.Records;

/// <summary>Reads and writes <c>tracking.sleep_sessions</c>; every statement is limited to one user's rows.</summary>
public sealed class SleepStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        sleep_id, start_time, end_time, utc_offset, duration_hours, sleep_stages, sleep_score, sleep_efficiency, device_id, notes, source, created_at
        """;

    /// <summary>Inserts a session (parameters: <see cref="AddParameters"/>) unless one is stored under its source reference.</summary>
    internal const string InsertSql = $"{InsertValuesSql} ON CONFLICT DO NOTHING";

    /// <summary>
    /// Inserts a session (parameters: <see cref="AddParameters"/>) or, when one is stored under its source reference,
    /// replaces its measured values; its id, creation time and notes stay.
    /// </summary>
    internal const string UpsertSql = $"""
        {InsertValuesSql}
        ON CONFLICT (user_id, source_ref) WHERE source_ref IS NOT NULL DO UPDATE SET
            end_time = excluded.end_time, utc_offset = excluded.utc_offset, duration_hours = excluded.duration_hours,
            sleep_stages = excluded.sleep_stages, sleep_efficiency = excluded.sleep_efficiency, device_id = excluded.device_id,
            updated_at = excluded.updated_at
        """;

    private const string InsertValuesSql = """
        INSERT INTO tracking.sleep_sessions (sleep_id, user_id, start_time, end_time, utc_offset, duration_hours, sleep_stages, sleep_score,
            sleep_efficiency, device_id, notes, source, source_ref, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
        """;

    /// <summary>Stores a manual session; returns it as stored.</summary>
    public async Task<SleepSession> InsertAsync(string userId, SleepSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = session with { Id = Guid.CreateVersion7(now), Source = RecordSources.Manual, CreatedAt = now };
        await using var command = dataSource.CreateCommand(InsertSql);
        AddParameters(command.Parameters, userId, stored, null);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return stored;
    }

    /// <summary>A page of the user's sessions, newest start first, and how many match in all.</summary>
    public async Task<(IReadOnlyList<SleepSession> Items, long Total)> ListAsync(string userId, RecordQuery query, CancellationToken cancellationToken)
    {
        const string Filter = "WHERE user_id = $1 AND ($2::timestamptz IS NULL OR start_time >= $2) AND ($3::timestamptz IS NULL OR start_time < $3)";
        return await Db.PageAsync(dataSource,
            $"SELECT count(*) FROM tracking.sleep_sessions {Filter}",
            $"SELECT {Columns} FROM tracking.sleep_sessions {Filter} ORDER BY start_time DESC, sleep_id DESC LIMIT $4 OFFSET $5",
            parameters =>
            {
                parameters.Add(new NpgsqlParameter { Value = userId });
                parameters.Add(Db.Instant(query.From));
                parameters.Add(Db.Instant(query.To));
            },
            query, Read, cancellationToken);
    }

    private static SleepSession Read(NpgsqlDataReader reader)
    {
        var offset = reader.GetInt16(3);
        return new SleepSession
        {
            Id = reader.GetGuid(0),
            StartTime = Db.Local(reader, 1, offset),
            EndTime = Db.Local(reader, 2, offset),
            DurationHours = reader.GetDouble(4),
            SleepStages = Db.Json(reader, 5),
            SleepScore = reader.IsDBNull(6) ? null : reader.GetInt32(6),
            SleepEfficiency = Db.Double(reader, 7),
            DeviceId = Db.Text(reader, 8),
            Notes = Db.Text(reader, 9),
            Source = reader.GetString(10),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(11),
        };
    }

    /// <summary>The parameters of <see cref="InsertSql"/> and <see cref="UpsertSql"/>.</summary>
    internal static void AddParameters(NpgsqlParameterCollection parameters, string userId, SleepSession session, string? sourceRef)
    {
        parameters.Add(new NpgsqlParameter { Value = session.Id });
        parameters.Add(new NpgsqlParameter { Value = userId });
        parameters.Add(Db.Instant(session.StartTime));
        parameters.Add(Db.Instant(session.EndTime));
        parameters.Add(new NpgsqlParameter { Value = Db.Offset(session.StartTime) });
        parameters.Add(new NpgsqlParameter { Value = session.DurationHours });
        parameters.Add(Db.Json(session.SleepStages));
        parameters.Add(Db.Value(session.SleepScore, NpgsqlDbType.Integer));
        parameters.Add(Db.Value(session.SleepEfficiency, NpgsqlDbType.Double));
        parameters.Add(Db.Value(session.DeviceId, NpgsqlDbType.Text));
        parameters.Add(Db.Value(session.Notes, NpgsqlDbType.Text));
        parameters.Add(new NpgsqlParameter { Value = session.Source });
        parameters.Add(Db.Value(sourceRef, NpgsqlDbType.Text));
        parameters.Add(Db.Instant(session.CreatedAt));
    }
}
