using System.Text.Json.Serialization;

namespace VitaSense.Devices.Model;

/// <summary>One entry of a device's firmware history.</summary>
/// <param name="FirmwareVersion">The version from then on.</param>
/// <param name="PreviousVersion">The version before, null for the first.</param>
/// <param name="ChangedAt">When it was registered or changed.</param>
public sealed record FirmwareChange(
    [property: JsonPropertyName("firmware_version")] string FirmwareVersion,
    [property: JsonPropertyName("previous_version")] string? PreviousVersion,
    [property: JsonPropertyName("changed_at")] DateTimeOffset ChangedAt);

/// <summary>A device's firmware history, oldest first.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="CurrentVersion">Its current version.</param>
/// <param name="History">Every version it had.</param>
public sealed record FirmwareHistory(
    [property: JsonPropertyName("device_id")] Guid DeviceId,
    [property: JsonPropertyName("current_version")] string? CurrentVersion,
    [property: JsonPropertyName("history")] IReadOnlyList<FirmwareChange> History);
