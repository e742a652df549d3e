using System.Text.Json.Serialization;

namespace VitaSense.Devices.Model;

/// <summary>A device's health in the specification's shape.</summary>
public sealed record DeviceHealthView
{
    /// <summary>Health status: online.</summary>
    public const string Online = "online";

    /// <summary>Health status: offline (reported so, or silent for longer than expected).</summary>
    public const string Offline = "offline";

    /// <summary>Health status: nothing ever arrived from it.</summary>
    public const string Unknown = "unknown";

    /// <summary>The device.</summary>
    [JsonPropertyName("device_id")] public required Guid DeviceId { get; init; }

    /// <summary>The owner's name for it.</summary>
    [JsonPropertyName("device_name")] public required string DeviceName { get; init; }

    /// <summary><c>online</c>, <c>offline</c> or <c>unknown</c>, as of the request.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>When data or a status last arrived.</summary>
    [JsonPropertyName("last_seen")] public DateTimeOffset? LastSeen { get; init; }

    /// <summary>Last reported battery level.</summary>
    [JsonPropertyName("battery_level")] public int? BatteryLevel { get; init; }

    /// <summary>Last reported signal strength.</summary>
    [JsonPropertyName("signal_strength")] public string? SignalStrength { get; init; }

    /// <summary>Sync status.</summary>
    [JsonPropertyName("sync_status")] public required string SyncStatus { get; init; }

    /// <summary>When the last sync ended.</summary>
    [JsonPropertyName("last_sync")] public DateTimeOffset? LastSync { get; init; }

    /// <summary>Next automatic sync.</summary>
    [JsonPropertyName("next_sync")] public DateTimeOffset? NextSync { get; init; }

    /// <summary>Problems that stop it working.</summary>
    [JsonPropertyName("errors")] public required IReadOnlyList<HealthIssue> Errors { get; init; }

    /// <summary>Problems worth a look.</summary>
    [JsonPropertyName("warnings")] public required IReadOnlyList<HealthIssue> Warnings { get; init; }
}

/// <summary>One error or warning of a device's health.</summary>
/// <param name="Type">Such as <c>low_battery</c>, <c>poor_signal</c>, <c>sync_failed</c>, <c>not_reporting</c> or an anomaly type.</param>
/// <param name="Message">For a person.</param>
/// <param name="DetectedAt">When it was found, when known.</param>
public sealed record HealthIssue(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("detected_at")] DateTimeOffset? DetectedAt = null);

/// <summary>The health of every registered device of the caller, with counts by status.</summary>
/// <param name="TotalDevices">Devices counted.</param>
/// <param name="StatusCounts">Devices per health status (every status present, zero or not).</param>
/// <param name="WithErrors">Devices with at least one error.</param>
/// <param name="WithWarnings">Devices with at least one warning.</param>
/// <param name="Devices">Each device's health, oldest registration first.</param>
public sealed record DeviceHealthSummary(
    [property: JsonPropertyName("total_devices")] int TotalDevices,
    [property: JsonPropertyName("status_counts")] IReadOnlyDictionary<string, int> StatusCounts,
    [property: JsonPropertyName("devices_with_errors")] int WithErrors,
    [property: JsonPropertyName("devices_with_warnings")] int WithWarnings,
    [property: JsonPropertyName("devices")] IReadOnlyList<DeviceHealthView> Devices);
