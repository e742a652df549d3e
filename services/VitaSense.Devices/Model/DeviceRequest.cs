using System.Text.Json.Serialization;

namespace VitaSense.Devices.Model;

/// <summary>
/// The registration and update body, for the OpenAPI document: the endpoints read the JSON field by field
/// (<see cref="DeviceRequestParser"/>) so that every wrong field is named and an update tells "absent" from "null".
/// </summary>
public sealed record DeviceRequest
{
    /// <summary>Such as <c>fitbit_charge_5</c>; required to register.</summary>
    [JsonPropertyName("device_type")] public string? DeviceType { get; init; }

    /// <summary>The owner's name for it; required to register.</summary>
    [JsonPropertyName("device_name")] public string? DeviceName { get; init; }

    /// <summary>Maker.</summary>
    [JsonPropertyName("manufacturer")] public string? Manufacturer { get; init; }

    /// <summary>Model.</summary>
    [JsonPropertyName("model")] public string? Model { get; init; }

    /// <summary>Unique across the registry (409 otherwise).</summary>
    [JsonPropertyName("serial_number")] public string? SerialNumber { get; init; }

    /// <summary>A change is appended to the firmware history.</summary>
    [JsonPropertyName("firmware_version")] public string? FirmwareVersion { get; init; }

    /// <summary>Such as <c>heart_rate</c>, <c>steps</c>.</summary>
    [JsonPropertyName("capabilities")] public IReadOnlyList<string>? Capabilities { get; init; }

    /// <summary><c>api</c>, <c>bluetooth</c>, <c>wifi</c> or <c>manual</c>; required to register.</summary>
    [JsonPropertyName("integration_type")] public string? IntegrationType { get; init; }

    /// <summary>The vendor connector of an <c>api</c> device, such as <c>fitbit</c>.</summary>
    [JsonPropertyName("vendor")] public string? Vendor { get; init; }

    /// <summary>Stored encrypted, never returned; null in an update removes them.</summary>
    [JsonPropertyName("credentials")] public VendorCredentials? Credentials { get; init; }

    /// <summary>Sync settings; an update changes the members it names.</summary>
    [JsonPropertyName("sync_settings")] public SyncSettings? SyncSettings { get; init; }

    /// <summary>Device group.</summary>
    [JsonPropertyName("group_name")] public string? GroupName { get; init; }
}
