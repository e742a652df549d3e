using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Metrics;

/// <summary>Statistics of one series (a metric's value, or one component such as systolic) over a period.</summary>
public sealed record MetricStatistics
{
    /// <summary>Readings in the period.</summary>
    [JsonPropertyName("count")] public long Count { get; init; }

    /// <summary>Lowest value.</summary>
    [JsonPropertyName("min")] public double? Min { get; init; }

    /// <summary>Mean value.</summary>
    [JsonPropertyName("avg")] public double? Avg { get; init; }

    /// <summary>Highest value.</summary>
    [JsonPropertyName("max")] public double? Max { get; init; }

    /// <summary>The newest value.</summary>
    [JsonPropertyName("last")] public double? Last { get; init; }

    /// <summary>When the newest value was measured.</summary>
    [JsonPropertyName("last_at")] public DateTimeOffset? LastAt { get; init; }

    /// <summary>The least-squares trend; null with fewer than two readings.</summary>
    [JsonPropertyName("trend")] public MetricTrend? Trend { get; init; }
}
