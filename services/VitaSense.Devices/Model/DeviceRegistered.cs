using System.Text.Json.Serialization;

namespace VitaSense.Devices.Model;

/// <summary>The answer to a registration, in the specification's shape.</summary>
/// <param name="DeviceId">The new device's id.</param>
/// <param name="Status"><c>registered</c>.</param>
/// <param name="SyncStatus"><c>pending</c>.</param>
/// <param name="LastSync">Null: never synced.</param>
/// <param name="NextSync">The first automatic sync, for an <c>api</c> device with <c>auto_sync</c>; else null.</param>
/// <param name="CreatedAt">Registration time.</param>
public sealed record DeviceRegistered(
    [property: JsonPropertyName("device_id")] Guid DeviceId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("sync_status")] string SyncStatus,
    [property: JsonPropertyName("last_sync")] DateTimeOffset? LastSync,
    [property: JsonPropertyName("next_sync")] DateTimeOffset? NextSync,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    /// <summary>The answer for <paramref name="device"/>.</summary>
    public static DeviceRegistered From(Device device) =>
        new(device.DeviceId, device.Status, device.SyncStatus, device.LastSync, device.NextSync, device.CreatedAt);
}
