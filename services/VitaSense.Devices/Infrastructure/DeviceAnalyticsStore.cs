using Npgsql;

namespace VitaSense.Devices.Infrastructure;

/// <summary>Aggregates of <c>devices.device_activity_days</c> and <c>devices.device_quality_days</c> over a user's registered devices.</summary>
public sealed class DeviceAnalyticsStore(NpgsqlDataSource dataSource)
{
    /// <summary>Days with data, readings and status reports per registered device of the user since <paramref name="from"/>.</summary>
    public async Task<IReadOnlyDictionary<Guid, (int Days, long Observations, long StatusReports)>> ActivityAsync(string userId, DateOnly from,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.device_id, count(a.day)::int, coalesce(sum(a.observations), 0)::bigint, coalesce(sum(a.status_reports), 0)::bigint
            FROM devices.devices d
            LEFT JOIN devices.device_activity_days a ON a.device_id = d.device_id AND a.day >= $2
            WHERE d.user_id = $1 AND d.status <> 'unregistered'
            GROUP BY d.device_id
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = from });
        var activity = new Dictionary<Guid, (int, long, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            activity[reader.GetGuid(0)] = (reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3));
        }
        return activity;
    }

    /// <summary>Quality issues per registered device of the user, type and severity since <paramref name="from"/>.</summary>
    public async Task<IReadOnlyList<(Guid DeviceId, string IssueType, string Severity, long Issues)>> QualityIssuesAsync(string userId, DateOnly from,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT q.device_id, q.issue_type, q.severity, sum(q.issues)::bigint
            FROM devices.device_quality_days q JOIN devices.devices d ON d.device_id = q.device_id
            WHERE d.user_id = $1 AND d.status <> 'unregistered' AND q.day >= $2
            GROUP BY q.device_id, q.issue_type, q.severity
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = from });
        var issues = new List<(Guid, string, string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            issues.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }
        return issues;
    }
}
