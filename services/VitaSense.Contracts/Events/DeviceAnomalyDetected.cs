using System.Text.Json.Serialization;

namespace VitaSense.Contracts.Events;

/// <summary>An anomaly an agent found on a device.</summary>
public sealed record DeviceAnomalyDetected
{
    /// <summary>Owner of the device.</summary>
    [JsonPropertyName("user_id")] public required string UserId { get; init; }

    /// <summary>The device the anomaly is about.</summary>
    [JsonPropertyName("device_id")] public required string DeviceId { get; init; }

    /// <summary>What kind of anomaly, for example <c>low_battery</c> or <c>device_offline</c>.</summary>
    [JsonPropertyName("anomaly_type")] public required string AnomalyType { get; init; }

    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    [JsonPropertyName("severity")] public required string Severity { get; init; }

    /// <summary>A sentence a person can read.</summary>
    [JsonPropertyName("description")] public required string Description { get; init; }

    /// <summary>When the observation that triggered it was made.</summary>
    [JsonPropertyName("detected_at")] public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>The id of the event that triggered it, for tracing back.</summary>
    [JsonPropertyName("source_event_id")] public string? SourceEventId { get; init; }

    /// <summary>Measured values behind the finding, by name.</summary>
    [JsonPropertyName("values")] public IReadOnlyDictionary<string, double>? Values { get; init; }
}
