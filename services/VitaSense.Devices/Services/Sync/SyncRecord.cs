using System.Text.Json;
using System.Text.Json.Serialization;

namespace VitaSense.Devices.Services.Sync;

/// <summary>One row of <c>devices.sync_history</c>, the seed's SyncHistory model.</summary>
public sealed record SyncRecord
{
    /// <summary>The sync.</summary>
    [JsonPropertyName("sync_id")] public required Guid SyncId { get; init; }

    /// <summary>The device synced.</summary>
    [JsonPropertyName("device_id")] public required Guid DeviceId { get; init; }

    /// <summary><c>manual</c>, <c>automatic</c>, <c>bulk</c>, <c>retry</c> or <c>push</c> (a vendor webhook).</summary>
    [JsonPropertyName("sync_type")] public required string SyncType { get; init; }

    /// <summary><c>pending</c>, <c>running</c>, <c>completed</c> or <c>failed</c>.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>When it was requested or started.</summary>
    [JsonPropertyName("start_time")] public required DateTimeOffset StartTime { get; init; }

    /// <summary>When it ended.</summary>
    [JsonPropertyName("end_time")] public DateTimeOffset? EndTime { get; init; }

    /// <summary>Seconds from start to end.</summary>
    [JsonPropertyName("duration_seconds")] public double? DurationSeconds { get; init; }

    /// <summary>Readings fetched from the vendor.</summary>
    [JsonPropertyName("records_processed")] public int RecordsProcessed { get; init; }

    /// <summary>Readings ingestion holds after the sync (new or already stored: a repeat adds nothing).</summary>
    [JsonPropertyName("records_synced")] public int RecordsSynced { get; init; }

    /// <summary>Readings ingestion refused.</summary>
    [JsonPropertyName("records_failed")] public int RecordsFailed { get; init; }

    /// <summary>Why it failed.</summary>
    [JsonPropertyName("error_message")] public string? ErrorMessage { get; init; }

    /// <summary>Details of the failure (vendor, kind, status, attempts; ingestion's item errors).</summary>
    [JsonPropertyName("error_details")] public JsonElement? ErrorDetails { get; init; }

    /// <summary>The failed sync this one retries.</summary>
    [JsonPropertyName("retry_of")] public Guid? RetryOf { get; init; }

    /// <summary>1 for a first sync, one more per retry.</summary>
    [JsonPropertyName("attempt")] public int Attempt { get; init; }
}
