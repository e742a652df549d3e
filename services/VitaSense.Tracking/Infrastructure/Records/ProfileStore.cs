using Npgsql;
using NpgsqlTypes;
using VitaSense.Tracking.Model.Profiles;

namespace VitaSense.Tracking.Infrastructure.Records;

/// <summary>Reads and writes <c>tracking.profiles</c>.</summary>
public sealed class ProfileStore(NpgsqlDataSource dataSource)
{
    /// <summary>The user's profile, or the empty one (UTC, nothing known) when none was saved.</summary>
    public async Task<Profile> GetAsync(string userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT birth_date, sex, height_cm, resting_heart_rate, max_heart_rate, time_zone, updated_at
            FROM tracking.profiles WHERE user_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return Profile.Empty(userId);
        }
        return new Profile(
            userId,
            reader.IsDBNull(0) ? null : reader.GetFieldValue<DateOnly>(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetDouble(2),
            reader.IsDBNull(3) ? null : reader.GetDouble(3),
            reader.IsDBNull(4) ? null : reader.GetDouble(4),
            reader.GetString(5),
            reader.GetFieldValue<DateTimeOffset>(6));
    }

    /// <summary>The time zone of the user's days.</summary>
    public async Task<TimeZoneInfo> GetTimeZoneAsync(string userId, CancellationToken cancellationToken) =>
        (await GetAsync(userId, cancellationToken)).Zone();

    /// <summary>Saves the profile whole; returns it as stored.</summary>
    public async Task<Profile> SaveAsync(Profile profile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO tracking.profiles (user_id, birth_date, sex, height_cm, resting_heart_rate, max_heart_rate, time_zone, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (user_id) DO UPDATE SET birth_date = excluded.birth_date, sex = excluded.sex, height_cm = excluded.height_cm,
                resting_heart_rate = excluded.resting_heart_rate, max_heart_rate = excluded.max_heart_rate,
                time_zone = excluded.time_zone, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = profile.UserId });
        command.Parameters.Add(Db.Value(profile.BirthDate, NpgsqlDbType.Date));
        command.Parameters.Add(Db.Value(profile.Sex, NpgsqlDbType.Text));
        command.Parameters.Add(Db.Value(profile.HeightCm, NpgsqlDbType.Double));
        command.Parameters.Add(Db.Value(profile.RestingHeartRate, NpgsqlDbType.Double));
        command.Parameters.Add(Db.Value(profile.MaxHeartRate, NpgsqlDbType.Double));
        command.Parameters.Add(new NpgsqlParameter { Value = profile.TimeZone });
        command.Parameters.Add(Db.Instant(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return profile with { UpdatedAt = now };
    }
}
