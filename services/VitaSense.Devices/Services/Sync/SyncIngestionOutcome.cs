using System.Text.Json.Serialization;

namespace VitaSense.Devices.Services.Sync;

/// <summary>What ingestion did with a sync's readings, summed over its batches.</summary>
public sealed class SyncIngestionOutcome
{
    /// <summary>Readings newly stored.</summary>
    [JsonPropertyName("accepted")] public int Accepted { get; set; }

    /// <summary>Readings ingestion already held (a repeated sync adds nothing).</summary>
    [JsonPropertyName("duplicates")] public int Duplicates { get; set; }

    /// <summary>Readings ingestion refused.</summary>
    [JsonPropertyName("rejected")] public int Rejected { get; set; }

    /// <summary>Ingestion's reasons for the first refused readings, per data type.</summary>
    [JsonPropertyName("errors")] public List<string> Errors { get; } = [];
}
