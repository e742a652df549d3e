using System.Text.Json.Serialization;
using VitaSense.Ingestion.Model.Sync;

namespace VitaSense.Ingestion.Model.DeviceData;

/// <summary>What happened to the readings of one upload: 200 when none was rejected, 207 when some were, 422 when all were.</summary>
public sealed class DeviceDataUploadResult
{
    /// <summary>Most <see cref="Errors"/> listed; <see cref="Rejected"/> still counts them all.</summary>
    public const int MaxErrorsListed = 100;

    /// <summary>The device.</summary>
    [JsonPropertyName("device_id")] public required string DeviceId { get; init; }

    /// <summary>The canonical metric name the readings were stored under.</summary>
    [JsonPropertyName("data_type")] public required string DataType { get; init; }

    /// <summary>The unit the readings were stored in.</summary>
    [JsonPropertyName("unit")] public string? Unit { get; set; }

    /// <summary>The raw backup of the upload.</summary>
    [JsonPropertyName("ingestion_id")] public long IngestionId { get; init; }

    /// <summary>Readings newly stored.</summary>
    [JsonPropertyName("accepted")] public long Accepted { get; set; }

    /// <summary>Readings already stored (sent before, or twice in this upload): nothing was added for them.</summary>
    [JsonPropertyName("duplicates")] public long Duplicates { get; set; }

    /// <summary>Readings refused; the first <see cref="MaxErrorsListed"/> are in <see cref="Errors"/>.</summary>
    [JsonPropertyName("rejected")] public long Rejected { get; set; }

    /// <summary><c>accepted</c> when none was refused, <c>partial</c> when some were, <c>rejected</c> when all were.</summary>
    [JsonPropertyName("status")]
    public string Status => Rejected == 0 ? IngestionSummary.Accepted
        : Accepted + Duplicates > 0 ? IngestionSummary.Partial
        : IngestionSummary.Rejected;

    /// <summary>Why readings were refused: index in <c>values</c>, field, reason.</summary>
    [JsonPropertyName("errors")] public List<ItemError> Errors { get; } = [];

    /// <summary>Counts a refused reading, listing it while there is room.</summary>
    public void Reject(int index, string? field, string reason)
    {
        Rejected++;
        if (Errors.Count < MaxErrorsListed)
        {
            Errors.Add(new ItemError(index, field, reason));
        }
    }
}
