using System.Text.Json;
using System.Text.Json.Serialization;

namespace VitaSense.Contracts.Events;

/// <summary>
/// Readings of one stream (one user's one metric from one source) newly stored by ingestion, in time order.
/// A re-sent reading is never published twice: only rows that were actually inserted are.
/// </summary>
public sealed record ObservationsIngested
{
    /// <summary>Owner of the readings.</summary>
    [JsonPropertyName("user_id")] public required string UserId { get; init; }

    /// <summary>Canonical snake_case metric name, such as <c>heart_rate</c> or <c>step_count</c>.</summary>
    [JsonPropertyName("metric")] public required string Metric { get; init; }

    /// <summary>Where the readings come from: an app source such as <c>My Apple Watch</c>, or a device id.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>The registered device, when known.</summary>
    [JsonPropertyName("device_id")] public string? DeviceId { get; init; }

    /// <summary>The canonical unit of <see cref="ObservationPoint.Value"/>.</summary>
    [JsonPropertyName("unit")] public string? Unit { get; init; }

    /// <summary><c>health_export</c>, <c>device_upload</c> or <c>vendor_sync</c>.</summary>
    [JsonPropertyName("origin")] public required string Origin { get; init; }

    /// <summary>The raw ingestion the readings came from (provenance; the payload can be replayed).</summary>
    [JsonPropertyName("ingestion_id")] public long IngestionId { get; init; }

    /// <summary>The readings.</summary>
    [JsonPropertyName("observations")] public required IReadOnlyList<ObservationPoint> Observations { get; init; }
}

/// <summary>One reading of an <see cref="ObservationsIngested"/> event.</summary>
public sealed record ObservationPoint
{
    /// <summary>When it was measured (UTC).</summary>
    [JsonPropertyName("timestamp")] public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The reading's own UTC offset in minutes, so its local time is known.</summary>
    [JsonPropertyName("utc_offset")] public int UtcOffset { get; init; }

    /// <summary>The value in the stream's canonical unit, when the reading is one number (heart rate: the average).</summary>
    [JsonPropertyName("value")] public double? Value { get; init; }

    /// <summary>Structured values, e.g. <c>min</c>/<c>max</c>, <c>systolic</c>/<c>diastolic</c>, sleep stages.</summary>
    [JsonPropertyName("values")] public IReadOnlyDictionary<string, JsonElement>? Values { get; init; }

    /// <summary>The sender's quality flag, such as <c>good</c>, when it sent one.</summary>
    [JsonPropertyName("quality")] public string? Quality { get; init; }
}
