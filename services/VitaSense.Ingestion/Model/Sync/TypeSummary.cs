using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model.Sync;

/// <summary>What happened to the entries of one metric type or collection of a payload.</summary>
public sealed class TypeSummary
{
    /// <summary>Most <see cref="Errors"/> listed per type; <see cref="Rejected"/> still counts them all.</summary>
    public const int MaxErrorsListed = 20;

    /// <summary>Entries newly stored.</summary>
    [JsonPropertyName("accepted")] public long Accepted { get; set; }

    /// <summary>Entries already stored (sent before, or twice in this payload): nothing was added for them.</summary>
    [JsonPropertyName("duplicates")] public long Duplicates { get; set; }

    /// <summary>Entries refused; the first <see cref="MaxErrorsListed"/> are in <see cref="Errors"/>.</summary>
    [JsonPropertyName("rejected")] public long Rejected { get; set; }

    /// <summary>The canonical unit values were stored in.</summary>
    [JsonPropertyName("unit")] public string? Unit { get; set; }

    /// <summary>True when the metric name is not one VitaSense knows; its values were stored as sent.</summary>
    [JsonPropertyName("unknown")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Unknown { get; set; }

    /// <summary>Why entries were rejected.</summary>
    [JsonPropertyName("errors")] public List<ItemError> Errors { get; } = [];

    /// <summary>Counts a rejected entry, listing it while there is room.</summary>
    public void Reject(ItemError error)
    {
        Rejected++;
        if (Errors.Count < MaxErrorsListed)
        {
            Errors.Add(error);
        }
    }
}
