using System.Text.Json;
using System.Text.Json.Serialization;
using VitaSense.Tracking.Model.Records;

namespace VitaSense.Tracking.Model.Metrics;

/// <summary>One reading of a metric (<c>tracking.metrics</c>) as stored and as the API shows it.</summary>
public sealed record MetricReading
{
    /// <summary>The reading's id.</summary>
    [JsonPropertyName("id")] public Guid Id { get; init; }

    /// <summary>Canonical metric type, such as <c>blood_pressure</c> or <c>weight_body_mass</c>.</summary>
    [JsonPropertyName("metric_type")] public required string MetricType { get; init; }

    /// <summary>When it was measured, in the offset it was given with.</summary>
    [JsonPropertyName("timestamp")] public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The value in <see cref="Unit"/>; null for structured-only types (blood pressure).</summary>
    [JsonPropertyName("value")] public double? Value { get; init; }

    /// <summary>The canonical unit.</summary>
    [JsonPropertyName("unit")] public string? Unit { get; init; }

    /// <summary>The structure: systolic/diastolic/pulse, meal context, body composition, originals before conversion.</summary>
    [JsonPropertyName("values")] public required JsonElement Values { get; init; }

    /// <summary>The measuring device, when known.</summary>
    [JsonPropertyName("device_id")] public string? DeviceId { get; init; }

    /// <summary>Free text.</summary>
    [JsonPropertyName("notes")] public string? Notes { get; init; }

    /// <summary><c>manual</c> or <c>device</c>.</summary>
    [JsonPropertyName("source")] public string Source { get; init; } = RecordSources.Manual;

    /// <summary>The data quality agents' score (0-1) for device readings.</summary>
    [JsonPropertyName("quality_score")] public double? QualityScore { get; init; }

    /// <summary>When it was stored.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }
}
