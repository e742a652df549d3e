using Npgsql;
using VitaSense.Ingestion.Model;

namespace VitaSense.Ingestion.Infrastructure;

/// <summary>Reads of device status from PostgreSQL. Every query is filtered by the owner: another user's device does not exist here.</summary>
public sealed class DeviceStatusStore(NpgsqlDataSource dataSource)
{
    /// <summary>The latest status of one device, or null.</summary>
    public async Task<DeviceStatusView?> FindLatestAsync(string userId, string deviceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT device_id, "timestamp", battery_level, rssi, online, updated_at
            FROM ingestion.device_status_latest WHERE user_id = @user AND device_id = @device
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("device", deviceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new DeviceStatusView(reader.GetString(0), reader.GetDateTime(1), reader.GetInt16(2), reader.GetInt16(3), reader.GetBoolean(4), reader.GetDateTime(5))
            : null;
    }

    /// <summary>Every device of the user (only <paramref name="deviceScope"/> when set) with its latest status.</summary>
    public async Task<IReadOnlyList<DeviceSummary>> SummaryAsync(string userId, string? deviceScope, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT device_id, battery_level, online, "timestamp"
            FROM ingestion.device_status_latest
            WHERE user_id = @user AND (@device::text IS NULL OR device_id = @device)
            ORDER BY device_id
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("device", (object?)deviceScope ?? DBNull.Value);
        var devices = new List<DeviceSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            devices.Add(new DeviceSummary(reader.GetString(0), reader.GetInt16(1), reader.GetBoolean(2), reader.GetDateTime(3)));
        }
        return devices;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> reports at or after <paramref name="since"/>, newest first, and whether more
    /// exist; null when the device has no reports at all (unknown device).
    /// </summary>
    public async Task<(IReadOnlyList<StatusHistoryEntry> Entries, bool HasMore)?> HistoryAsync(
        string userId, string deviceId, int limit, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT "timestamp", battery_level, rssi, online
            FROM ingestion.device_status_history
            WHERE user_id = @user AND device_id = @device AND (@since::timestamptz IS NULL OR "timestamp" >= @since)
            ORDER BY "timestamp" DESC
            LIMIT @take
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("device", deviceId);
        command.Parameters.AddWithValue("since", since is { } value ? value : DBNull.Value);
        command.Parameters.AddWithValue("take", limit + 1);
        var entries = new List<StatusHistoryEntry>(Math.Min(limit + 1, 1024));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new StatusHistoryEntry(reader.GetDateTime(0), reader.GetInt16(1), reader.GetInt16(2), reader.GetBoolean(3)));
            }
        }

        if (entries.Count == 0 && await FindLatestAsync(userId, deviceId, cancellationToken) is null)
        {
            return null;
        }
        var hasMore = entries.Count > limit;
        if (hasMore)
        {
            entries.RemoveAt(entries.Count - 1);
        }
        return (entries, hasMore);
    }
}
