using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VitaSense.Devices.Infrastructure.Security;
using VitaSense.Devices.Integrations;
using VitaSense.Devices.Model;
using VitaSense.Devices.Services.Sync;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Devices.Infrastructure;

/// <summary>
/// The sync side of <c>devices.devices</c>: reads what a sync needs, claims due devices for the scheduler, records
/// sync outcomes (last_sync, next_sync, sync_status), persists refreshed device credentials, and imports vendor
/// devices (with their lifecycle event in the same transaction, through the outbox).
/// </summary>
public sealed class DeviceSyncStore(NpgsqlDataSource dataSource, CredentialProtector protector, OutboxSignal outboxSignal, DeviceCache cache, TimeProvider time)
{
    private readonly NpgsqlDataSource dataSource = dataSource;
    private readonly CredentialProtector protector = protector;

    private const string Columns = """
        device_id, user_id, device_name, device_type, integration_type, vendor, vendor_device_id, credentials,
        sync_settings::text, sync_status, last_sync, next_sync
        """;

    /// <summary>The device if it is <paramref name="userId"/>'s (any owner when null) and registered.</summary>
    public async Task<SyncDevice?> FindAsync(Guid deviceId, string? userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM devices.devices
            WHERE device_id = $1 AND ($2::text IS NULL OR user_id = $2) AND unregistered_at IS NULL AND status <> 'unregistered'
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The user's registered devices, oldest first; only those synced from a vendor when <paramref name="apiOnly"/>.</summary>
    public async Task<IReadOnlyList<SyncDevice>> ListAsync(string userId, bool apiOnly, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM devices.devices
            WHERE user_id = $1 AND unregistered_at IS NULL AND status <> 'unregistered' AND (NOT $2 OR (integration_type = 'api' AND vendor IS NOT NULL))
            ORDER BY created_at, device_id
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = apiOnly });
        var devices = new List<SyncDevice>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            devices.Add(Read(reader));
        }
        return devices;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> devices whose automatic sync is due and that hold credentials of their own or
    /// whose owner is still connected to their vendor, moving their <c>next_sync</c> one interval (plus jitter) ahead in the same statement.
    /// <c>FOR UPDATE SKIP LOCKED</c> makes concurrent schedulers (replicas) claim disjoint devices; the moved
    /// <c>next_sync</c> keeps a claimed device from being claimed again.
    /// </summary>
    public async Task<IReadOnlyList<(Guid DeviceId, string UserId)>> ClaimDueAsync(int limit, double jitterFraction, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE devices.devices d
            SET next_sync = $1 + make_interval(secs => 60 * coalesce((d.sync_settings ->> 'sync_interval_minutes')::int, 15) * (1 + random() * $3))
            WHERE d.device_id IN (
                SELECT due.device_id FROM devices.devices due
                WHERE due.unregistered_at IS NULL AND due.status <> 'unregistered' AND due.integration_type = 'api' AND due.vendor IS NOT NULL
                  AND coalesce((due.sync_settings ->> 'auto_sync')::boolean, true)
                  AND (due.credentials IS NOT NULL
                       OR EXISTS (SELECT 1 FROM devices.integration_connections c WHERE c.user_id = due.user_id AND c.vendor = due.vendor))
                  AND (due.next_sync IS NULL OR due.next_sync <= $1)
                ORDER BY due.next_sync NULLS FIRST
                LIMIT $2
                FOR UPDATE SKIP LOCKED)
            RETURNING d.device_id, d.user_id
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = Math.Clamp(jitterFraction, 0, 1) });
        var claimed = new List<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add((reader.GetGuid(0), reader.GetString(1)));
        }
        return claimed;
    }

    /// <summary>Refreshes the device's own credentials under its row lock (see <see cref="ICredentialRefresher"/>).</summary>
    public ICredentialRefresher Refresher(Guid deviceId, string vendor) => new IntegrationCredentialRefresh(dataSource, protector, deviceId.ToString(),
        async (connection, transaction, cancellationToken) =>
        {
            await using var select = new NpgsqlCommand("SELECT credentials FROM devices.devices WHERE device_id = $1 FOR UPDATE", connection, transaction);
            select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
            return await select.ExecuteScalarAsync(cancellationToken) as byte[];
        },
        async (connection, transaction, protectedValue, _, cancellationToken) =>
        {
            await using var update = new NpgsqlCommand("UPDATE devices.devices SET credentials = $2 WHERE device_id = $1", connection, transaction);
            update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
            update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = protectedValue });
            await update.ExecuteNonQueryAsync(cancellationToken);
        },
        vendor);

    /// <summary>Decrypts the device's own credentials.</summary>
    public VendorCredentials Unprotect(SyncDevice device) => protector.Unprotect(device.Credentials!, device.DeviceId.ToString());

    /// <summary>
    /// Registers the vendor's devices for the user, skipping those already imported (same user, vendor and vendor
    /// device id), and writes a <c>registered</c> lifecycle event per new device in the same transaction.
    /// Returns every requested device's id, and whether it was new.
    /// </summary>
    public async Task<IReadOnlyList<(VendorDevice Device, Guid DeviceId, bool Created)>> ImportAsync(string userId, string vendor,
        IReadOnlyList<VendorDevice> devices, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var results = new List<(VendorDevice, Guid, bool)>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = 0;
        foreach (var device in devices)
        {
            var deviceId = Guid.CreateVersion7(now);
            await using var insert = new NpgsqlCommand("""
                INSERT INTO devices.devices (device_id, user_id, device_type, device_name, manufacturer, model, firmware_version, capabilities,
                    integration_type, vendor, vendor_device_id, sync_settings, status, sync_status, battery_level, next_sync, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, 'api', $9, $10, $11::jsonb, 'registered', 'pending', $12, $13, $13, $13)
                ON CONFLICT (user_id, vendor, vendor_device_id) WHERE vendor_device_id IS NOT NULL DO NOTHING
                RETURNING device_id
                """, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.DeviceType });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.DeviceName });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.Manufacturer });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)device.Model ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)device.FirmwareVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(device.Capabilities) });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = vendor });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.VendorDeviceId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(new SyncSettings()) });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)device.BatteryLevel ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            if (await insert.ExecuteScalarAsync(cancellationToken) is Guid inserted)
            {
                results.Add((device, inserted, true));
                created++;
                await DeviceLifecycleEvents.WriteAsync(connection, transaction, DeviceLifecycleEvents.Registered, new Device
                {
                    DeviceId = inserted,
                    UserId = userId,
                    DeviceType = device.DeviceType,
                    DeviceName = device.DeviceName,
                    IntegrationType = IntegrationTypes.Api,
                    Vendor = vendor,
                    VendorDeviceId = device.VendorDeviceId,
                    Status = DeviceStatuses.Registered,
                    SyncStatus = "pending",
                    CreatedAt = now,
                    UpdatedAt = now,
                }, now, cancellationToken);
                continue;
            }
            await using var existing = new NpgsqlCommand(
                "SELECT device_id FROM devices.devices WHERE user_id = $1 AND vendor = $2 AND vendor_device_id = $3", connection, transaction);
            existing.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            existing.Parameters.Add(new NpgsqlParameter<string> { TypedValue = vendor });
            existing.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.VendorDeviceId });
            results.Add((device, (Guid)(await existing.ExecuteScalarAsync(cancellationToken))!, false));
        }
        await transaction.CommitAsync(cancellationToken);
        if (created > 0)
        {
            outboxSignal.Notify();
            foreach (var (_, deviceId, _) in results)
            {
                await cache.InvalidateAsync(deviceId, userId);
            }
        }
        return results;
    }

    /// <summary>The first registered device of <paramref name="vendor"/> of the user (where pushed data lands).</summary>
    public async Task<SyncDevice?> FindVendorDeviceAsync(string userId, string vendor, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM devices.devices
            WHERE user_id = $1 AND vendor = $2 AND unregistered_at IS NULL AND status <> 'unregistered' ORDER BY created_at, device_id LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = vendor });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Drops the registry's cached snapshot of the device after a sync changed its sync state.</summary>
    public Task InvalidateAsync(Guid deviceId, string userId) => cache.InvalidateAsync(deviceId, userId);

    private static SyncDevice Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? "" : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? "" : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<byte[]>(7),
        reader.IsDBNull(8) ? new SyncSettings() : JsonSerializer.Deserialize<SyncSettings>(reader.GetString(8)) ?? new SyncSettings(),
        reader.IsDBNull(9) ? "pending" : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11));
}
