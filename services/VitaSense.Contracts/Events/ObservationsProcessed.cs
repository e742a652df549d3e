using System.Text.Json.Serialization;

namespace VitaSense.Contracts.Events;

/// <summary>
/// The readings of one <see cref="ObservationsIngested"/> event after the data quality checks: the same stream, every
/// reading kept (flagged, never dropped) and interpolated readings added where a short gap was filled.
/// </summary>
public sealed record ObservationsProcessed
{
    /// <summary>Owner of the readings.</summary>
    [JsonPropertyName("user_id")] public required string UserId { get; init; }

    /// <summary>Canonical snake_case metric name, such as <c>heart_rate</c>.</summary>
    [JsonPropertyName("metric")] public required string Metric { get; init; }

    /// <summary>Where the readings come from: an app source or a device id.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>The registered device, when known.</summary>
    [JsonPropertyName("device_id")] public string? DeviceId { get; init; }

    /// <summary>The canonical unit of <see cref="ProcessedObservationPoint.Value"/>.</summary>
    [JsonPropertyName("unit")] public string? Unit { get; init; }

    /// <summary><c>health_export</c>, <c>device_upload</c> or <c>vendor_sync</c>.</summary>
    [JsonPropertyName("origin")] public required string Origin { get; init; }

    /// <summary>The raw ingestion the readings came from.</summary>
    [JsonPropertyName("ingestion_id")] public long IngestionId { get; init; }

    /// <summary>The id of the <see cref="ObservationsIngested"/> event these readings came in, for tracing back.</summary>
    [JsonPropertyName("source_event_id")] public string? SourceEventId { get; init; }

    /// <summary>The readings in time order of arrival, interpolated ones placed before the reading that closed their gap.</summary>
    [JsonPropertyName("points")] public required IReadOnlyList<ProcessedObservationPoint> Points { get; init; }
}
