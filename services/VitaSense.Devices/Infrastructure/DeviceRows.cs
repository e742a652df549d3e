using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VitaSense.Devices.Model;

namespace VitaSense.Devices.Infrastructure;

/// <summary>The columns of <c>devices.devices</c> a <see cref="Device"/> is read from (never the credentials), and the reader.</summary>
public static class DeviceRows
{
    /// <summary>The select list, in the order <see cref="Read"/> expects.</summary>
    public const string Columns = """
        device_id, user_id, device_type, device_name, manufacturer, model, serial_number, firmware_version, capabilities::text,
        integration_type, vendor, vendor_device_id, sync_settings::text, status, last_seen, last_sync, next_sync, sync_status,
        battery_level, signal_strength, credentials IS NOT NULL, group_name, reported_online, created_at, updated_at
        """;

    /// <summary>The device of the current row.</summary>
    public static Device Read(NpgsqlDataReader reader) => new()
    {
        DeviceId = reader.GetGuid(0),
        UserId = reader.GetString(1),
        DeviceType = reader.GetString(2),
        DeviceName = reader.GetString(3),
        Manufacturer = NullableString(reader, 4),
        Model = NullableString(reader, 5),
        SerialNumber = NullableString(reader, 6),
        FirmwareVersion = NullableString(reader, 7),
        Capabilities = JsonSerializer.Deserialize<string[]>(reader.GetString(8)) ?? [],
        IntegrationType = reader.GetString(9),
        Vendor = NullableString(reader, 10),
        VendorDeviceId = NullableString(reader, 11),
        SyncSettings = JsonSerializer.Deserialize<SyncSettings>(reader.GetString(12)) ?? new SyncSettings(),
        Status = reader.GetString(13),
        LastSeen = NullableTime(reader, 14),
        LastSync = NullableTime(reader, 15),
        NextSync = NullableTime(reader, 16),
        SyncStatus = reader.GetString(17),
        BatteryLevel = reader.IsDBNull(18) ? null : reader.GetInt32(18),
        SignalStrength = NullableString(reader, 19),
        HasCredentials = reader.GetBoolean(20),
        GroupName = NullableString(reader, 21),
        ReportedOnline = reader.IsDBNull(22) ? null : reader.GetBoolean(22),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(23),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(24),
    };

    /// <summary>A parameter of <paramref name="type"/> whose null is SQL NULL.</summary>
    public static NpgsqlParameter Parameter(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    /// <summary>A jsonb parameter holding <paramref name="value"/> serialized.</summary>
    public static NpgsqlParameter Json<T>(T value) => new() { Value = JsonSerializer.Serialize(value), NpgsqlDbType = NpgsqlDbType.Jsonb };

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
