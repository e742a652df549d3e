using System.Text.Json.Serialization;

namespace VitaSense.Devices.Services.Sync;

/// <summary>Sync performance of one device, or of all the user's devices when <see cref="DeviceId"/> is null.</summary>
public sealed record SyncPerformance(
    [property: JsonPropertyName("device_id")] Guid? DeviceId,
    [property: JsonPropertyName("total_syncs")] long TotalSyncs,
    [property: JsonPropertyName("successful_syncs")] long SuccessfulSyncs,
    [property: JsonPropertyName("failed_syncs")] long FailedSyncs,
    [property: JsonPropertyName("success_rate")] double? SuccessRate,
    [property: JsonPropertyName("duration_p50_seconds")] double? DurationP50Seconds,
    [property: JsonPropertyName("duration_p95_seconds")] double? DurationP95Seconds,
    [property: JsonPropertyName("records_per_sync")] double? RecordsPerSync,
    [property: JsonPropertyName("records_synced")] long RecordsSynced,
    [property: JsonPropertyName("last_sync")] DateTimeOffset? LastSync);
