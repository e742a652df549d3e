using System.Text.Json.Serialization;
using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Insights;

/// <summary>One processed event as sent to <c>/data/stream</c> subscribers.</summary>
public sealed record StreamedBatch
{
    /// <summary>The processed event's id.</summary>
    [JsonPropertyName("event_id")] public required string EventId { get; init; }

    /// <summary>Canonical metric name.</summary>
    [JsonPropertyName("metric")] public required string Metric { get; init; }

    /// <summary>Where the readings come from.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>The registered device, when known.</summary>
    [JsonPropertyName("device_id")] public string? DeviceId { get; init; }

    /// <summary>The canonical unit of the values.</summary>
    [JsonPropertyName("unit")] public string? Unit { get; init; }

    /// <summary>The processed readings with their scores and flags.</summary>
    [JsonPropertyName("points")] public required IReadOnlyList<ProcessedObservationPoint> Points { get; init; }
}
