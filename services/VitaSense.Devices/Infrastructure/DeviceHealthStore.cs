using Npgsql;
using NpgsqlTypes;
using VitaSense.Devices.Model;

namespace VitaSense.Devices.Infrastructure;

/// <summary>
/// Device health as the health consumer keeps it: the latest status on the device row, every status report in
/// <c>devices.device_health_history</c>, anomalies in <c>devices.device_alerts</c>, days of activity and quality
/// issue counts for analytics. Only registered (not unregistered) devices whose owner matches the event change;
/// every write is idempotent, so a redelivered event changes nothing.
/// </summary>
public sealed class DeviceHealthStore(NpgsqlDataSource dataSource)
{
    private const string OwnedLive = "device_id = $1 AND user_id = $2 AND status <> 'unregistered'";

    /// <summary>
    /// Applies a status report: last seen, and battery, signal and online flag unless a newer report is already applied;
    /// a history row (once per device and timestamp). Returns whether the device is a registered device of the user.
    /// </summary>
    public async Task<bool> ApplyStatusAsync(Guid deviceId, string userId, DateTimeOffset timestamp, int batteryLevel, int rssi, bool online,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var signal = SignalStrength.FromRssi(rssi);
        await using (var update = new NpgsqlCommand($"""
            UPDATE devices.devices SET
                last_seen = greatest(last_seen, least($3, $7)),
                battery_level = CASE WHEN last_status_at IS NULL OR last_status_at <= $3 THEN $4 ELSE battery_level END,
                signal_strength = CASE WHEN last_status_at IS NULL OR last_status_at <= $3 THEN $5 ELSE signal_strength END,
                reported_online = CASE WHEN last_status_at IS NULL OR last_status_at <= $3 THEN $6 ELSE reported_online END,
                last_status_at = greatest(last_status_at, $3),
                status = CASE WHEN status = 'registered' THEN 'active' ELSE status END
            WHERE {OwnedLive}
            """, connection, transaction))
        {
            AddDeviceAndUser(update, deviceId, userId);
            update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = timestamp });
            update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batteryLevel });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = signal });
            update.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = online });
            update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await using (var history = new NpgsqlCommand("""
            WITH inserted AS (
                INSERT INTO devices.device_health_history (device_id, "timestamp", battery_level, rssi, signal_strength, online)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT DO NOTHING
                RETURNING device_id, "timestamp")
            INSERT INTO devices.device_activity_days AS a (device_id, day, status_reports)
            SELECT device_id, ("timestamp" AT TIME ZONE 'UTC')::date, 1 FROM inserted
            ON CONFLICT (device_id, day) DO UPDATE SET status_reports = a.status_reports + 1
            """, connection, transaction))
        {
            history.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
            history.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = timestamp });
            history.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)Math.Clamp(batteryLevel, short.MinValue, short.MaxValue) });
            history.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)Math.Clamp(rssi, short.MinValue, short.MaxValue) });
            history.Parameters.Add(new NpgsqlParameter<string> { TypedValue = signal });
            history.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = online });
            await history.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Applies readings that arrived: last seen (never beyond <paramref name="now"/>), and readings per UTC day.
    /// <paramref name="eventId"/> makes a redelivery count nothing. Returns whether the device is a registered device of the user.
    /// </summary>
    public async Task<bool> ApplyObservationsAsync(string eventId, Guid deviceId, string userId, DateTimeOffset latest,
        IReadOnlyDictionary<DateOnly, int> perDay, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await ConsumeOnceAsync(connection, transaction, eventId, cancellationToken))
        {
            return false;
        }
        await using (var update = new NpgsqlCommand($"""
            UPDATE devices.devices SET last_seen = greatest(last_seen, least($3, $4)),
                status = CASE WHEN status = 'registered' THEN 'active' ELSE status END
            WHERE {OwnedLive}
            """, connection, transaction))
        {
            AddDeviceAndUser(update, deviceId, userId);
            update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = latest });
            update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.CommitAsync(cancellationToken);
                return false;
            }
        }
        await using (var days = new NpgsqlCommand("""
            INSERT INTO devices.device_activity_days AS a (device_id, day, observations)
            SELECT $1, d.day, d.n FROM unnest($2::date[], $3::bigint[]) AS d(day, n)
            ON CONFLICT (device_id, day) DO UPDATE SET observations = a.observations + EXCLUDED.observations
            """, connection, transaction))
        {
            days.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
            days.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = perDay.Keys.ToArray() });
            days.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = perDay.Values.Select(v => (long)v).ToArray() });
            await days.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Records an anomaly of a registered device of the user, once per event; returns whether it was new.</summary>
    public async Task<bool> AddAlertAsync(string eventId, Guid deviceId, string userId, DeviceAlert alert, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO devices.device_alerts (event_id, device_id, anomaly_type, severity, description, detected_at)
            SELECT $3, $1, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM devices.devices WHERE {OwnedLive})
            ON CONFLICT (event_id) DO NOTHING
            """);
        AddDeviceAndUser(command, deviceId, userId);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.AnomalyType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Severity });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Description });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = alert.DetectedAt });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Counts a data quality issue of a registered device of the user on its UTC day, once per issue.</summary>
    public async Task<bool> CountQualityIssueAsync(string issueId, Guid deviceId, string userId, string issueType, string severity, DateTimeOffset timestamp,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await ConsumeOnceAsync(connection, transaction, issueId, cancellationToken))
        {
            return false;
        }
        await using var command = new NpgsqlCommand($"""
            INSERT INTO devices.device_quality_days AS q (device_id, day, issue_type, severity, issues)
            SELECT $1, ($3 AT TIME ZONE 'UTC')::date, $4, $5, 1 WHERE EXISTS (SELECT 1 FROM devices.devices WHERE {OwnedLive})
            ON CONFLICT (device_id, day, issue_type, severity) DO UPDATE SET issues = q.issues + 1
            """, connection, transaction);
        AddDeviceAndUser(command, deviceId, userId);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = timestamp });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = issueType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = severity });
        var counted = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return counted;
    }

    /// <summary>The device (whoever owns it: callers check) with its anomalies since <paramref name="alertsSince"/>, or null.</summary>
    public async Task<DeviceSnapshot?> SnapshotAsync(Guid deviceId, DateTimeOffset alertsSince, CancellationToken cancellationToken)
    {
        var snapshots = await SnapshotsAsync("device_id = $1", new NpgsqlParameter<Guid> { TypedValue = deviceId }, alertsSince, cancellationToken);
        return snapshots.Count == 0 ? null : snapshots[0];
    }

    /// <summary>Every registered device of the user, oldest registration first, with anomalies since <paramref name="alertsSince"/>.</summary>
    public Task<IReadOnlyList<DeviceSnapshot>> SnapshotsOfUserAsync(string userId, DateTimeOffset alertsSince, CancellationToken cancellationToken) =>
        SnapshotsAsync("user_id = $1 AND status <> 'unregistered'", new NpgsqlParameter<string> { TypedValue = userId }, alertsSince, cancellationToken);

    private async Task<IReadOnlyList<DeviceSnapshot>> SnapshotsAsync(string filter, NpgsqlParameter key, DateTimeOffset alertsSince, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var devices = new List<Device>();
        await using (var command = new NpgsqlCommand($"SELECT {DeviceRows.Columns} FROM devices.devices WHERE {filter} ORDER BY created_at, device_id", connection))
        {
            command.Parameters.Add(key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                devices.Add(DeviceRows.Read(reader));
            }
        }
        if (devices.Count == 0)
        {
            return [];
        }

        var alerts = devices.ToDictionary(d => d.DeviceId, _ => new List<DeviceAlert>());
        await using (var command = new NpgsqlCommand("""
            SELECT device_id, anomaly_type, severity, description, detected_at FROM devices.device_alerts
            WHERE device_id = ANY($1) AND detected_at >= $2 ORDER BY detected_at DESC
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = devices.Select(d => d.DeviceId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = alertsSince });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                alerts[reader.GetGuid(0)].Add(new DeviceAlert(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }
        return devices.Select(d => new DeviceSnapshot(d, alerts[d.DeviceId])).ToList();
    }

    private static async Task<bool> ConsumeOnceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string eventId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("INSERT INTO devices.consumed_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventId });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static void AddDeviceAndUser(NpgsqlCommand command, Guid deviceId, string userId)
    {
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
    }
}
