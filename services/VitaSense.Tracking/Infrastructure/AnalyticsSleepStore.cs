using System.Text.Json;
using Npgsql;
using VitaSense.Tracking.Model.Analytics;

namespace VitaSense.Tracking.Infrastructure;

/// <summary>Reads a user's sleep sessions for the analysis from <c>tracking.sleep_sessions</c>.</summary>
public sealed class AnalyticsSleepStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Sessions that ended on local days [<paramref name="from"/>, <paramref name="to"/>), oldest first. One night
    /// recorded twice (entered by hand and brought by the device, or by two devices: sessions overlapping for more than
    /// half of the shorter one) is read once, the device's copy preferred.
    /// </summary>
    public async Task<IReadOnlyList<SleepRecord>> ReadAsync(string userId, InsightsProfile profile, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT start_time, end_time, duration_hours, sleep_stages, sleep_score, sleep_efficiency, source = 'device'
            FROM tracking.sleep_sessions
            WHERE user_id = @user
              AND start_time >= (@from::timestamp AT TIME ZONE @tz) - interval '2 days' AND start_time < (@to::timestamp AT TIME ZONE @tz)
              AND end_time >= (@from::timestamp AT TIME ZONE @tz) AND end_time < (@to::timestamp AT TIME ZONE @tz)
            ORDER BY start_time, end_time
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("tz", profile.TimeZoneId);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var sessions = new List<(SleepRecord Record, bool FromDevice)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            double? light = null, deep = null, rem = null;
            if (!reader.IsDBNull(3))
            {
                using var stages = JsonDocument.Parse(reader.GetString(3));
                light = Hours(stages.RootElement, "light_sleep_hours", "light");
                deep = Hours(stages.RootElement, "deep_sleep_hours", "deep");
                rem = Hours(stages.RootElement, "rem_sleep_hours", "rem");
            }
            var record = new SleepRecord(
                reader.GetFieldValue<DateTimeOffset>(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetDouble(2),
                light, deep, rem,
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5));
            var fromDevice = reader.GetBoolean(6);
            if (sessions.Count > 0 && SameNight(sessions[^1].Record, record))
            {
                if (fromDevice && !sessions[^1].FromDevice)
                {
                    sessions[^1] = (record, fromDevice);
                }
                continue;
            }
            sessions.Add((record, fromDevice));
        }
        return [.. sessions.Select(s => s.Record)];
    }

    private static bool SameNight(SleepRecord a, SleepRecord b)
    {
        var overlap = (a.End < b.End ? a.End : b.End) - (a.Start > b.Start ? a.Start : b.Start);
        var shorter = TimeSpan.FromTicks(Math.Min((a.End - a.Start).Ticks, (b.End - b.Start).Ticks));
        return overlap > shorter / 2;
    }

    // The seed's names (light_sleep_hours) and the short ones a device mapping may use (light).
    private static double? Hours(JsonElement stages, string name, string shortName)
    {
        if (stages.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var key in (ReadOnlySpan<string>)[name, shortName])
        {
            if (stages.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var hours) && hours >= 0)
            {
                return hours;
            }
        }
        return null;
    }
}
