namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>An entry that could not be read; the rest of the payload is still read.</summary>
public sealed class RejectedItem : HealthExportItem
{
    /// <summary>Canonical metric name, <c>workouts</c>, or a <see cref="HealthExportCollections"/> name (e.g. <c>state_of_mind</c>).</summary>
    public required string Collection { get; init; }

    /// <summary>The offending field (e.g. <c>date</c>, <c>route[3].lat</c>), or null when the entry as a whole is wrong.</summary>
    public string? Field { get; init; }

    /// <summary>Why it was rejected.</summary>
    public required string Reason { get; init; }
}
