using System.Text.Json.Serialization;

namespace VitaSense.Contracts.Events;

/// <summary>
/// The sync health of one of a user's sources changed: how often it syncs, how late its readings arrive, whether it
/// overlaps another source, and what to do when it is failing. Consumed by the devices service.
/// </summary>
public sealed record SyncStatusChanged
{
    /// <summary>Owner of the source.</summary>
    [JsonPropertyName("user_id")] public required string UserId { get; init; }

    /// <summary>Where the readings come from: an app source or a device id.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>The registered device, when known.</summary>
    [JsonPropertyName("device_id")] public string? DeviceId { get; init; }

    /// <summary><c>healthy</c>, <c>delayed</c> or <c>failing</c>.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>The median time between the source's syncs, in seconds; null until it synced twice.</summary>
    [JsonPropertyName("median_interval_s")] public double? MedianIntervalSeconds { get; init; }

    /// <summary>When the source last synced (when its readings reached the agents).</summary>
    [JsonPropertyName("last_sync_at")] public required DateTimeOffset LastSyncAt { get; init; }

    /// <summary>How old the newest reading of the last sync was when it arrived, in seconds.</summary>
    [JsonPropertyName("latency_s")] public required double LatencySeconds { get; init; }

    /// <summary>Syncs whose readings overlapped in time another source's of the same user and metric.</summary>
    [JsonPropertyName("conflicts")] public required int Conflicts { get; init; }

    /// <summary>What the user should do; <c>none</c> when healthy.</summary>
    [JsonPropertyName("recovery_plan")] public required string RecoveryPlan { get; init; }

    /// <summary>When the status changed, by the agent's clock.</summary>
    [JsonPropertyName("occurred_at")] public required DateTimeOffset OccurredAt { get; init; }
}
