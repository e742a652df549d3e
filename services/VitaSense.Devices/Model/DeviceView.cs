using System.Text.Json.Serialization;

namespace VitaSense.Devices.Model;

/// <summary>A device as the API returns it: every stored field except the credentials, of which only their presence shows.</summary>
public sealed record DeviceView
{
    /// <summary>The device's id.</summary>
    [JsonPropertyName("device_id")] public required Guid DeviceId { get; init; }

    /// <summary>Device type.</summary>
    [JsonPropertyName("device_type")] public required string DeviceType { get; init; }

    /// <summary>The owner's name for it.</summary>
    [JsonPropertyName("device_name")] public required string DeviceName { get; init; }

    /// <summary>Maker.</summary>
    [JsonPropertyName("manufacturer")] public string? Manufacturer { get; init; }

    /// <summary>Model.</summary>
    [JsonPropertyName("model")] public string? Model { get; init; }

    /// <summary>Serial number.</summary>
    [JsonPropertyName("serial_number")] public string? SerialNumber { get; init; }

    /// <summary>Current firmware version.</summary>
    [JsonPropertyName("firmware_version")] public string? FirmwareVersion { get; init; }

    /// <summary>What it measures.</summary>
    [JsonPropertyName("capabilities")] public required IReadOnlyList<string> Capabilities { get; init; }

    /// <summary><c>api</c>, <c>bluetooth</c>, <c>wifi</c> or <c>manual</c>.</summary>
    [JsonPropertyName("integration_type")] public required string IntegrationType { get; init; }

    /// <summary>The vendor connector, for <c>api</c> devices.</summary>
    [JsonPropertyName("vendor")] public string? Vendor { get; init; }

    /// <summary>The vendor's id of the device.</summary>
    [JsonPropertyName("vendor_device_id")] public string? VendorDeviceId { get; init; }

    /// <summary>Whether vendor credentials are stored (never the credentials themselves).</summary>
    [JsonPropertyName("has_credentials")] public required bool HasCredentials { get; init; }

    /// <summary>Sync settings.</summary>
    [JsonPropertyName("sync_settings")] public required SyncSettings SyncSettings { get; init; }

    /// <summary>Registry status.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>Device group.</summary>
    [JsonPropertyName("group_name")] public string? GroupName { get; init; }

    /// <summary>When data or a status last arrived.</summary>
    [JsonPropertyName("last_seen")] public DateTimeOffset? LastSeen { get; init; }

    /// <summary>When the last sync ended.</summary>
    [JsonPropertyName("last_sync")] public DateTimeOffset? LastSync { get; init; }

    /// <summary>Next automatic sync.</summary>
    [JsonPropertyName("next_sync")] public DateTimeOffset? NextSync { get; init; }

    /// <summary>Sync status.</summary>
    [JsonPropertyName("sync_status")] public required string SyncStatus { get; init; }

    /// <summary>Last reported battery level.</summary>
    [JsonPropertyName("battery_level")] public int? BatteryLevel { get; init; }

    /// <summary>Last reported signal strength.</summary>
    [JsonPropertyName("signal_strength")] public string? SignalStrength { get; init; }

    /// <summary>Registration time.</summary>
    [JsonPropertyName("created_at")] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change of its configuration.</summary>
    [JsonPropertyName("updated_at")] public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The view of <paramref name="device"/>.</summary>
    public static DeviceView From(Device device) => new()
    {
        DeviceId = device.DeviceId,
        DeviceType = device.DeviceType,
        DeviceName = device.DeviceName,
        Manufacturer = device.Manufacturer,
        Model = device.Model,
        SerialNumber = device.SerialNumber,
        FirmwareVersion = device.FirmwareVersion,
        Capabilities = device.Capabilities,
        IntegrationType = device.IntegrationType,
        Vendor = device.Vendor,
        VendorDeviceId = device.VendorDeviceId,
        HasCredentials = device.HasCredentials,
        SyncSettings = device.SyncSettings,
        Status = device.Status,
        GroupName = device.GroupName,
        LastSeen = device.LastSeen,
        LastSync = device.LastSync,
        NextSync = device.NextSync,
        SyncStatus = device.SyncStatus,
        BatteryLevel = device.BatteryLevel,
        SignalStrength = device.SignalStrength,
        CreatedAt = device.CreatedAt,
        UpdatedAt = device.UpdatedAt,
    };
}
