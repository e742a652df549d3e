using System.Text.Json.Serialization;

namespace VitaSense.Devices.Services.Sync;

/// <summary>A sync accepted for running (202).</summary>
public sealed record SyncAccepted(
    [property: JsonPropertyName("sync_id")] Guid SyncId,
    [property: JsonPropertyName("device_id")] Guid DeviceId,
    [property: JsonPropertyName("sync_type")] string SyncType,
    [property: JsonPropertyName("status")] string Status);

/// <summary>A device a bulk sync did not start, and why.</summary>
public sealed record SyncSkipped(
    [property: JsonPropertyName("device_id")] Guid DeviceId,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("running_sync_id")] Guid? RunningSyncId);

/// <summary>Answer of <c>POST /api/v1/sync/bulk</c>.</summary>
public sealed record BulkSyncAccepted(
    [property: JsonPropertyName("syncs")] IReadOnlyList<SyncAccepted> Syncs,
    [property: JsonPropertyName("skipped")] IReadOnlyList<SyncSkipped> Skipped);

/// <summary>One device of <c>GET /api/v1/sync/status</c>.</summary>
public sealed record DeviceSyncStatus(
    [property: JsonPropertyName("device_id")] Guid DeviceId,
    [property: JsonPropertyName("device_name")] string DeviceName,
    [property: JsonPropertyName("vendor")] string? Vendor,
    [property: JsonPropertyName("integration_type")] string IntegrationType,
    [property: JsonPropertyName("sync_status")] string SyncStatus,
    [property: JsonPropertyName("auto_sync")] bool AutoSync,
    [property: JsonPropertyName("sync_interval_minutes")] int SyncIntervalMinutes,
    [property: JsonPropertyName("last_sync")] DateTimeOffset? LastSync,
    [property: JsonPropertyName("next_sync")] DateTimeOffset? NextSync,
    [property: JsonPropertyName("running_sync")] SyncRecord? RunningSync);

/// <summary>Answer of <c>GET /api/v1/sync/status</c>.</summary>
public sealed record SyncStatusList(
    [property: JsonPropertyName("devices")] IReadOnlyList<DeviceSyncStatus> Devices,
    [property: JsonPropertyName("count")] int Count);

/// <summary>Answer of <c>GET /api/v1/sync/history</c>.</summary>
public sealed record SyncHistoryPage(
    [property: JsonPropertyName("syncs")] IReadOnlyList<SyncRecord> Syncs,
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("offset")] int Offset);

/// <summary>Answer of <c>GET /api/v1/analytics/sync-performance</c>.</summary>
public sealed record SyncPerformanceReport(
    [property: JsonPropertyName("period_days")] int? PeriodDays,
    [property: JsonPropertyName("overall")] SyncPerformance Overall,
    [property: JsonPropertyName("devices")] IReadOnlyList<SyncPerformance> Devices);
