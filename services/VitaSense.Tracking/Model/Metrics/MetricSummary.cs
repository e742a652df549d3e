using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Metrics;

/// <summary>One metric type's summary over a period.</summary>
public sealed record MetricSummary
{
    /// <summary>The metric type.</summary>
    [JsonPropertyName("metric_type")] public required string MetricType { get; init; }

    /// <summary>Canonical unit.</summary>
    [JsonPropertyName("unit")] public string? Unit { get; init; }

    /// <summary>Statistics of the value (empty for structured-only types: see <see cref="Components"/>).</summary>
    [JsonPropertyName("statistics")] public MetricStatistics? Statistics { get; init; }

    /// <summary>Statistics per component (blood pressure: systolic, diastolic, pulse).</summary>
    [JsonPropertyName("components")] public IReadOnlyDictionary<string, MetricStatistics>? Components { get; init; }
}
