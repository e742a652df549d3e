using System.Text.Json.Serialization;

namespace VitaSense.Devices.Integrations;

/// <summary>A device the vendor knows for the user, as <c>GET /api/v1/integrations/{type}/devices</c> lists it.</summary>
public sealed record VendorDevice(
    [property: JsonPropertyName("vendor_device_id")] string VendorDeviceId,
    [property: JsonPropertyName("device_type")] string DeviceType,
    [property: JsonPropertyName("device_name")] string DeviceName,
    [property: JsonPropertyName("manufacturer")] string Manufacturer,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("firmware_version")] string? FirmwareVersion,
    [property: JsonPropertyName("battery_level")] int? BatteryLevel,
    [property: JsonPropertyName("last_sync")] DateTimeOffset? LastSync,
    [property: JsonPropertyName("capabilities")] IReadOnlyList<string> Capabilities);
