using Npgsql;
using NpgsqlTypes;
using VitaSense.Devices.Infrastructure.Security;
using VitaSense.Devices.Model;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Devices.Infrastructure;

/// <summary>
/// The registry in <c>devices.devices</c>. Every query names the owner, so another user's device reads and writes as
/// missing. Each change and its lifecycle event (outbox) commit in one transaction; the relay is woken after commit.
/// Credentials are encrypted here with the device id as associated data and never read back by this class.
/// </summary>
public sealed class DeviceStore(NpgsqlDataSource dataSource, CredentialProtector protector, OutboxSignal outboxSignal)
{
    private const string UniqueViolation = "23505";

    private static readonly string InsertSql = $"""
        INSERT INTO devices.devices (device_id, user_id, device_type, device_name, manufacturer, model, serial_number, firmware_version,
            capabilities, integration_type, vendor, credentials, sync_settings, status, next_sync, sync_status, group_name, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)
        RETURNING {DeviceRows.Columns}
        """;

    private static readonly string UpdateSql = $"""
        UPDATE devices.devices SET device_type = $3, device_name = $4, manufacturer = $5, model = $6, serial_number = $7,
            firmware_version = $8, capabilities = $9, integration_type = $10, vendor = $11,
            credentials = CASE WHEN $12 THEN $13 ELSE credentials END,
            sync_settings = $14, next_sync = $15, group_name = $16, updated_at = $17
        WHERE device_id = $1 AND user_id = $2
        RETURNING {DeviceRows.Columns}
        """;

    // Stops syncing and forgets the credentials; the row stays so the device's history keeps its owner.
    private static readonly string UnregisterSql = $$"""
        UPDATE devices.devices SET status = 'unregistered', sync_settings = jsonb_set(sync_settings, '{auto_sync}', 'false'::jsonb),
            next_sync = NULL, credentials = NULL, unregistered_at = $3, updated_at = $3
        WHERE device_id = $1 AND user_id = $2 AND status <> 'unregistered'
        RETURNING {{DeviceRows.Columns}}
        """;

    /// <summary>Stores a new device, its first firmware version and its <c>registered</c> event.</summary>
    public async Task<(RegistryOutcome Outcome, Device? Device)> RegisterAsync(Device device, VendorCredentials? credentials, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Device stored;
        try
        {
            await using var command = new NpgsqlCommand(InsertSql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = device.DeviceId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.UserId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.DeviceType });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.DeviceName });
            command.Parameters.Add(DeviceRows.Parameter(device.Manufacturer, NpgsqlDbType.Text));
            command.Parameters.Add(DeviceRows.Parameter(device.Model, NpgsqlDbType.Text));
            command.Parameters.Add(DeviceRows.Parameter(device.SerialNumber, NpgsqlDbType.Text));
            command.Parameters.Add(DeviceRows.Parameter(device.FirmwareVersion, NpgsqlDbType.Text));
            command.Parameters.Add(DeviceRows.Json(device.Capabilities));
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.IntegrationType });
            command.Parameters.Add(DeviceRows.Parameter(device.Vendor, NpgsqlDbType.Text));
            command.Parameters.Add(DeviceRows.Parameter(Protect(credentials, device.DeviceId), NpgsqlDbType.Bytea));
            command.Parameters.Add(DeviceRows.Json(device.SyncSettings));
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.Status });
            command.Parameters.Add(DeviceRows.Parameter(device.NextSync, NpgsqlDbType.TimestampTz));
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.SyncStatus });
            command.Parameters.Add(DeviceRows.Parameter(device.GroupName, NpgsqlDbType.Text));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = device.CreatedAt });
            stored = (await ReadSingleAsync(command, cancellationToken))!;
        }
        catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
        {
            return (RegistryOutcome.Duplicate, null);
        }

        if (stored.FirmwareVersion is { } firmware)
        {
            await AddFirmwareAsync(connection, transaction, stored.DeviceId, firmware, null, stored.CreatedAt, cancellationToken);
        }
        await DeviceLifecycleEvents.WriteAsync(connection, transaction, DeviceLifecycleEvents.Registered, stored, stored.CreatedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
        return (RegistryOutcome.Done, stored);
    }

    /// <summary>The caller's device, or null.</summary>
    public async Task<Device?> FindAsync(string userId, Guid deviceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {DeviceRows.Columns} FROM devices.devices WHERE device_id = $1 AND user_id = $2");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        return await ReadSingleAsync(command, cancellationToken);
    }

    /// <summary>One page of the caller's devices matching <paramref name="query"/>, oldest registration first, and how many match.</summary>
    public async Task<(IReadOnlyList<Device> Items, long Total)> ListAsync(string userId, DeviceListQuery query, CancellationToken cancellationToken)
    {
        const string Filter = """
            WHERE user_id = $1 AND ($2::text IS NULL OR device_type = $2)
              AND (CASE WHEN $3::text IS NULL THEN status <> 'unregistered' ELSE status = $3 END)
              AND ($4::text IS NULL OR group_name = $4)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SELECT {DeviceRows.Columns} FROM devices.devices {Filter} ORDER BY created_at, device_id LIMIT $5 OFFSET $6"),
                new NpgsqlBatchCommand($"SELECT count(*) FROM devices.devices {Filter}"),
            },
        };
        for (var i = 0; i < batch.BatchCommands.Count; i++)
        {
            var command = batch.BatchCommands[i];
            var paging = i == 0;
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            command.Parameters.Add(DeviceRows.Parameter(query.DeviceType, NpgsqlDbType.Text));
            command.Parameters.Add(DeviceRows.Parameter(query.Status, NpgsqlDbType.Text));
            command.Parameters.Add(DeviceRows.Parameter(query.Group, NpgsqlDbType.Text));
            if (paging)
            {
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Offset });
            }
        }

        var items = new List<Device>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(DeviceRows.Read(reader));
        }
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (items, reader.GetInt64(0));
    }

    /// <summary>
    /// Applies <paramref name="input"/> to the caller's device: only the fields it names change; a new firmware version
    /// is appended to the history; credentials named are replaced (null removes them).
    /// </summary>
    public async Task<(RegistryOutcome Outcome, Device? Device)> UpdateAsync(string userId, Guid deviceId, DeviceInput input, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Device? current;
        await using (var select = new NpgsqlCommand($"SELECT {DeviceRows.Columns} FROM devices.devices WHERE device_id = $1 AND user_id = $2 FOR UPDATE", connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
            select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            current = await ReadSingleAsync(select, cancellationToken);
        }
        if (current is null)
        {
            return (RegistryOutcome.NotFound, null);
        }
        if (current.Status == DeviceStatuses.Unregistered)
        {
            return (RegistryOutcome.Unregistered, current);
        }

        var changed = DeviceChanges.Update(current, input, now);
        Device stored;
        try
        {
            await using var update = new NpgsqlCommand(UpdateSql, connection, transaction);
            update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = changed.DeviceType });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = changed.DeviceName });
            update.Parameters.Add(DeviceRows.Parameter(changed.Manufacturer, NpgsqlDbType.Text));
            update.Parameters.Add(DeviceRows.Parameter(changed.Model, NpgsqlDbType.Text));
            update.Parameters.Add(DeviceRows.Parameter(changed.SerialNumber, NpgsqlDbType.Text));
            update.Parameters.Add(DeviceRows.Parameter(changed.FirmwareVersion, NpgsqlDbType.Text));
            update.Parameters.Add(DeviceRows.Json(changed.Capabilities));
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = changed.IntegrationType });
            update.Parameters.Add(DeviceRows.Parameter(changed.Vendor, NpgsqlDbType.Text));
            update.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = input.Credentials.IsSet });
            update.Parameters.Add(DeviceRows.Parameter(input.Credentials.IsSet ? Protect(input.Credentials.Value, deviceId) : null, NpgsqlDbType.Bytea));
            update.Parameters.Add(DeviceRows.Json(changed.SyncSettings));
            update.Parameters.Add(DeviceRows.Parameter(changed.NextSync, NpgsqlDbType.TimestampTz));
            update.Parameters.Add(DeviceRows.Parameter(changed.GroupName, NpgsqlDbType.Text));
            update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            stored = (await ReadSingleAsync(update, cancellationToken))!;
        }
        catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
        {
            return (RegistryOutcome.Duplicate, null);
        }

        if (stored.FirmwareVersion is { } firmware && !string.Equals(firmware, current.FirmwareVersion, StringComparison.Ordinal))
        {
            await AddFirmwareAsync(connection, transaction, deviceId, firmware, current.FirmwareVersion, now, cancellationToken);
        }
        await DeviceLifecycleEvents.WriteAsync(connection, transaction, DeviceLifecycleEvents.Updated, stored, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
        return (RegistryOutcome.Done, stored);
    }

    /// <summary>
    /// Unregisters the caller's device: automatic sync off, no next sync, credentials wiped, status <c>unregistered</c>,
    /// and its <c>unregistered</c> event. Unregistering an unregistered device changes nothing and publishes nothing.
    /// </summary>
    public async Task<(RegistryOutcome Outcome, Device? Device)> UnregisterAsync(string userId, Guid deviceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Device? stored;
        await using (var command = new NpgsqlCommand(UnregisterSql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            stored = await ReadSingleAsync(command, cancellationToken);
        }
        if (stored is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await FindAsync(userId, deviceId, cancellationToken) is { } already
                ? (RegistryOutcome.Unregistered, already)
                : (RegistryOutcome.NotFound, null);
        }
        await DeviceLifecycleEvents.WriteAsync(connection, transaction, DeviceLifecycleEvents.Unregistered, stored, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
        return (RegistryOutcome.Done, stored);
    }

    /// <summary>The caller's device's firmware history, oldest first; null when the device is not the caller's.</summary>
    public async Task<FirmwareHistory?> FirmwareHistoryAsync(string userId, Guid deviceId, CancellationToken cancellationToken)
    {
        if (await FindAsync(userId, deviceId, cancellationToken) is not { } device)
        {
            return null;
        }
        await using var command = dataSource.CreateCommand(
            "SELECT firmware_version, previous_version, changed_at FROM devices.firmware_history WHERE device_id = $1 ORDER BY changed_at, id");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
        var history = new List<FirmwareChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            history.Add(new FirmwareChange(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }
        return new FirmwareHistory(deviceId, device.FirmwareVersion, history);
    }

    private byte[]? Protect(VendorCredentials? credentials, Guid deviceId) =>
        credentials is null ? null : protector.Protect(credentials, deviceId.ToString());

    private static async Task AddFirmwareAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid deviceId, string version, string? previous,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO devices.firmware_history (device_id, firmware_version, previous_version, changed_at) VALUES ($1, $2, $3, $4)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = version });
        command.Parameters.Add(DeviceRows.Parameter(previous, NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Device?> ReadSingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DeviceRows.Read(reader) : null;
    }
}
