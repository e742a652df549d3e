using System.Text.Json.Serialization;

namespace VitaSense.Devices.Model;

/// <summary>A device's <c>sync_settings</c>, stored as JSON with the device.</summary>
public sealed record SyncSettings
{
    /// <summary>Whether the scheduler syncs the device on its own.</summary>
    [JsonPropertyName("auto_sync")] public bool AutoSync { get; init; } = true;

    /// <summary>Minutes between automatic syncs (1 to 1440).</summary>
    [JsonPropertyName("sync_interval_minutes")] public int SyncIntervalMinutes { get; init; } = 15;

    /// <summary>How many days back a device's first sync fetches (0 to 365).</summary>
    [JsonPropertyName("sync_historical_days")] public int SyncHistoricalDays { get; init; } = 30;
}
