using Npgsql;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;

namespace VitaSense.Agents.Tests;

/// <summary>Events as the agents publish them, for feeding the insights recorder directly.</summary>
public static class InsightsEvents
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static CloudEvent<DeviceAnomalyDetected> Anomaly(string userId, string deviceId, string type, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Type = EventTypes.DeviceAnomalyDetected,
        Source = "/agents",
        Subject = deviceId,
        Time = at,
        Data = new DeviceAnomalyDetected
        {
            UserId = userId,
            DeviceId = deviceId,
            AnomalyType = type,
            Severity = "warning",
            Description = $"{type} on {deviceId}",
            DetectedAt = at,
            Values = new Dictionary<string, double> { ["battery"] = 12 },
        },
    };

    public static CloudEvent<DataQualityIssueDetected> Issue(string userId, string deviceId, string source, string type, DateTimeOffset at)
    {
        var id = Guid.NewGuid().ToString();
        return new()
        {
            Id = id,
            Type = EventTypes.DataQualityIssue,
            Source = "/agents",
            Subject = deviceId,
            Time = at,
            Data = new DataQualityIssueDetected
            {
                IssueId = id,
                UserId = userId,
                DeviceId = deviceId,
                Source = source,
                Metric = "heart_rate",
                IssueType = type,
                Severity = "warning",
                Timestamp = at,
                Value = 400,
                Detail = $"{type} at {at:O}",
                DetectedAt = at,
            },
        };
    }

    public static CloudEvent<ObservationsProcessed> Processed(string userId, string deviceId, string metric, IReadOnlyList<ProcessedObservationPoint> points) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Type = EventTypes.ObservationsProcessed,
        Source = "/agents",
        Subject = deviceId,
        Time = points[^1].Timestamp,
        Data = new ObservationsProcessed
        {
            UserId = userId,
            Metric = metric,
            Source = deviceId,
            DeviceId = deviceId,
            Unit = "count",
            Origin = "device_upload",
            IngestionId = 1,
            Points = points,
        },
    };

    public static ProcessedObservationPoint Point(DateTimeOffset at, int utcOffset, double value, bool interpolated = false, params string[] flags) => new()
    {
        Timestamp = at,
        UtcOffset = utcOffset,
        Value = value,
        QualityScore = flags.Length == 0 ? 1 : 0.5,
        Flags = flags,
        Interpolated = interpolated,
    };

    /// <summary>Waits until the service has migrated <paramref name="table"/> (it migrates at start, in the background).</summary>
    public static Task WaitForTableAsync(string connectionString, string table) =>
        EventuallyAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
            exists.Parameters.AddWithValue(table);
            return (bool)(await exists.ExecuteScalarAsync())! ? "" : null;
        }, TimeSpan.FromSeconds(30), $"the table {table}");

    /// <summary>Polls <paramref name="probe"/> until it returns a value, failing after <paramref name="timeout"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(200);
        }
    }
}
