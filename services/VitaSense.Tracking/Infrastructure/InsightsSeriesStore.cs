using Npgsql;
using VitaSense.Tracking.Model.Analytics;

namespace VitaSense.Tracking.Infrastructure;

/// <summary>
/// Daily series of a user's records in their local days, read straight from the record tables. Manual and device rows
/// both count, but one reading counts once: metric rows of the same type, instant and value are one reading (a manual
/// copy of a device reading), activities of the same type, start and end are one activity, and an activity's steps,
/// distance or calories are left out when readings of the matching metric fall within the activity (the device counted
/// them already).
/// </summary>
public sealed class InsightsSeriesStore(NpgsqlDataSource dataSource)
{
    // Local midnights of the range in the user's zone: stable expressions, so the (user, time) indexes serve them.
    private const string Lo = "(@from::timestamp AT TIME ZONE @tz)";
    private const string Hi = "(@to::timestamp AT TIME ZONE @tz)";

    private const string Metrics = $"""
        SELECT DISTINCT ON (recorded_at, value) recorded_at AS ts, value
        FROM tracking.metrics
        WHERE user_id = @user AND metric_type = @metric AND value IS NOT NULL AND recorded_at >= {Lo} AND recorded_at < {Hi}
        """;

    private const string Activities = $"""
        SELECT DISTINCT ON (activity_type, start_time, end_time) start_time, end_time, duration_minutes, distance_km, calories_burned, steps
        FROM tracking.activities
        WHERE user_id = @user AND start_time >= {Lo} AND start_time < {Hi}
        """;

    /// <summary>The values of <paramref name="source"/> per local day in [<paramref name="from"/>, <paramref name="to"/>), days without records left out.</summary>
    public async Task<IReadOnlyList<DailyValue>> DailyAsync(string userId, InsightsProfile profile, SeriesSource source, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var aggregate = source.Day switch
        {
            SeriesAggregation.Sum => "sum(value)",
            SeriesAggregation.Mean => "avg(value)",
            _ => "(array_agg(value ORDER BY ts DESC))[1]",
        };
        var sql = $"""
            WITH points AS ({Points(source.Kind)})
            SELECT (ts AT TIME ZONE @tz)::date AS day, {aggregate} FROM points GROUP BY 1 ORDER BY 1
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("tz", profile.TimeZoneId);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("metric", source.MetricType ?? "");
        var values = new List<DailyValue>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(1))
            {
                values.Add(new DailyValue(reader.GetFieldValue<DateOnly>(0), reader.GetDouble(1)));
            }
        }
        return values;
    }

    private static string Points(SeriesKind kind) => kind switch
    {
        SeriesKind.Steps => Combined("steps"),
        SeriesKind.Distance => Combined("distance_km"),
        SeriesKind.Calories => Combined("calories_burned"),
        SeriesKind.ActiveMinutes => $"SELECT start_time AS ts, duration_minutes AS value FROM ({Activities}) a",
        SeriesKind.Workouts => $"SELECT start_time AS ts, 1.0::double precision AS value FROM ({Activities}) a",
        // A night belongs to the day it ended; sessions starting over two days before the range cannot end in it.
        SeriesKind.SleepHours => $"""
            SELECT DISTINCT ON (start_time, end_time) end_time AS ts, duration_hours AS value
            FROM tracking.sleep_sessions
            WHERE user_id = @user AND start_time >= {Lo} - interval '2 days' AND start_time < {Hi} AND end_time >= {Lo} AND end_time < {Hi}
            """,
        _ => Metrics,
    };

    private static string Combined(string column) => $"""
        SELECT ts, value FROM ({Metrics}) m
        UNION ALL
        SELECT a.start_time, a.{column}::double precision FROM ({Activities}) a
        WHERE a.{column} IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM tracking.metrics x
            WHERE x.user_id = @user AND x.metric_type = @metric AND x.value IS NOT NULL
              AND x.recorded_at >= a.start_time AND x.recorded_at < a.end_time)
        """;
}
