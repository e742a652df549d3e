using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model.Sync;

/// <summary>The processing summary answered by <c>POST /api/v1/sync</c> and kept with the raw ingestion.</summary>
public sealed class IngestionSummary
{
    /// <summary>All entries stored or already present, none rejected.</summary>
    public const string Accepted = "accepted";

    /// <summary>Some entries rejected, the others stored.</summary>
    public const string Partial = "partial";

    /// <summary>Every entry rejected.</summary>
    public const string Rejected = "rejected";

    /// <summary>The raw ingestion: the payload is kept and can be replayed under this id.</summary>
    [JsonPropertyName("ingestion_id")] public long IngestionId { get; set; }

    /// <summary>The <c>session-id</c> header of a Health Auto Export batch, if sent.</summary>
    [JsonPropertyName("session_id")] public string? SessionId { get; set; }

    /// <summary><see cref="Accepted"/>, <see cref="Partial"/> or <see cref="Rejected"/>.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = Accepted;

    /// <summary>Why the payload as a whole was refused, when it was (e.g. it holds no entries at all).</summary>
    [JsonPropertyName("detail")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; set; }

    /// <summary>Size of the body.</summary>
    [JsonPropertyName("received_bytes")] public long ReceivedBytes { get; set; }

    /// <summary>Time from the start of the request to the last commit.</summary>
    [JsonPropertyName("elapsed_ms")] public long ElapsedMilliseconds { get; set; }

    /// <summary>Sums over every type.</summary>
    [JsonPropertyName("totals")] public TypeSummary Totals { get; set; } = new();

    /// <summary>Per metric type (<c>heart_rate</c>, <c>step_count</c>, ...) and collection (<c>workouts</c>, <c>ecg</c>, ...).</summary>
    [JsonPropertyName("types")] public SortedDictionary<string, TypeSummary> Types { get; } = new(StringComparer.Ordinal);

    /// <summary>Metric names VitaSense has no typed handling for; stored generically.</summary>
    [JsonPropertyName("unknown_metrics")] public SortedSet<string> UnknownMetrics { get; } = new(StringComparer.Ordinal);

    /// <summary>Collections under <c>data</c> that VitaSense does not read.</summary>
    [JsonPropertyName("skipped_collections")] public SortedSet<string> SkippedCollections { get; } = new(StringComparer.Ordinal);

    /// <summary>The summary of <paramref name="type"/>, created on first use.</summary>
    public TypeSummary For(string type)
    {
        if (!Types.TryGetValue(type, out var summary))
        {
            summary = new TypeSummary();
            Types[type] = summary;
        }
        return summary;
    }

    /// <summary>Computes <see cref="Totals"/> and <see cref="Status"/> from the per-type counts.</summary>
    public void Complete()
    {
        var totals = new TypeSummary
        {
            Accepted = Types.Values.Sum(t => t.Accepted),
            Duplicates = Types.Values.Sum(t => t.Duplicates),
            Rejected = Types.Values.Sum(t => t.Rejected),
        };
        Totals = totals;
        if (Types.Count == 0)
        {
            // An export of nothing is almost always a misconfigured automation (no metric selected): say so.
            Status = Rejected;
            Detail = "The payload holds no entries: 'data' has no metric points, workouts or other records.";
            return;
        }
        Status = totals.Rejected == 0 ? Accepted
            : totals.Accepted + totals.Duplicates > 0 ? Partial
            : Rejected;
    }
}
