using VitaSense.Devices.Model;

namespace VitaSense.Devices.Services.Sync;

/// <summary>What a sync needs of a device row in <c>devices.devices</c>.</summary>
public sealed record SyncDevice(
    Guid DeviceId,
    string UserId,
    string DeviceName,
    string? DeviceType,
    string IntegrationType,
    string? Vendor,
    string? VendorDeviceId,
    byte[]? Credentials,
    SyncSettings Settings,
    string SyncStatus,
    DateTimeOffset? LastSync,
    DateTimeOffset? NextSync);
