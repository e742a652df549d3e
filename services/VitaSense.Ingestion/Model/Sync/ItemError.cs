using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model.Sync;

/// <summary>Why one entry of a payload was not stored.</summary>
/// <param name="Index">Its position in its array (the metric's <c>data</c>, <c>workouts</c>, ...).</param>
/// <param name="Field">The offending field, or null when the entry as a whole is wrong.</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record ItemError(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("field")] string? Field,
    [property: JsonPropertyName("reason")] string Reason);
