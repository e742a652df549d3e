using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Analytics;

/// <summary>An anomaly the agents detected for the user (from <c>device-anomalies</c>).</summary>
public sealed record Anomaly
{
    /// <summary>The id of the event that reported it.</summary>
    [JsonPropertyName("id")] public required string AnomalyId { get; init; }

    /// <summary>The device it is about.</summary>
    [JsonPropertyName("device_id")] public string? DeviceId { get; init; }

    /// <summary>The metric it is about, when the finding names one.</summary>
    [JsonPropertyName("metric")] public string? Metric { get; init; }

    /// <summary>What kind of anomaly, such as <c>low_battery</c>.</summary>
    [JsonPropertyName("anomaly_type")] public required string AnomalyType { get; init; }

    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    [JsonPropertyName("severity")] public string? Severity { get; init; }

    /// <summary>A sentence a person can read.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>When the observation behind it was made.</summary>
    [JsonPropertyName("detected_at")] public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>The main measured value, when there is one.</summary>
    [JsonPropertyName("value")] public double? Value { get; init; }

    /// <summary>Measured values behind the finding, by name.</summary>
    [JsonPropertyName("values")] public IReadOnlyDictionary<string, double>? Values { get; init; }
}
