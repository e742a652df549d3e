using System.Text.Json.Serialization;
using VitaSense.Devices.Integrations;

namespace VitaSense.Devices.Integrations.Api;

/// <summary>Answer of <c>GET /api/v1/integrations</c>.</summary>
public sealed record IntegrationList(
    [property: JsonPropertyName("integrations")] IReadOnlyList<IntegrationDescriptor> Integrations,
    [property: JsonPropertyName("count")] int Count);

/// <summary>Answer of <c>POST /api/v1/integrations/{type}/auth</c>: the connection, never its tokens.</summary>
public sealed record IntegrationConnected(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("connected")] bool Connected,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt);

/// <summary>Answer of <c>GET /api/v1/integrations/{type}/devices</c>.</summary>
public sealed record IntegrationDevices(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("devices")] IReadOnlyList<VendorDevice> Devices,
    [property: JsonPropertyName("count")] int Count);

/// <summary>Answer of <c>POST /api/v1/integrations/{type}/import</c>.</summary>
public sealed record IntegrationImport(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("imported")] int Imported,
    [property: JsonPropertyName("already_imported")] int AlreadyImported,
    [property: JsonPropertyName("devices")] IReadOnlyList<ImportedDevice> Devices);

/// <summary>One device of an import.</summary>
public sealed record ImportedDevice(
    [property: JsonPropertyName("device_id")] Guid DeviceId,
    [property: JsonPropertyName("vendor_device_id")] string VendorDeviceId,
    [property: JsonPropertyName("device_name")] string DeviceName,
    [property: JsonPropertyName("created")] bool Created);
