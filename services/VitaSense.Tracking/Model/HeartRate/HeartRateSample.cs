using System.Text.Json.Serialization;
using VitaSense.Tracking.Model.Records;

namespace VitaSense.Tracking.Model.HeartRate;

/// <summary>One heart-rate sample (<c>tracking.heart_rate_samples</c>) as stored and as the API shows it.</summary>
public sealed record HeartRateSample
{
    /// <summary>The sample's id.</summary>
    [JsonPropertyName("id")] public Guid Id { get; init; }

    /// <summary>When it was measured, in the offset it was given with.</summary>
    [JsonPropertyName("timestamp")] public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Beats per minute.</summary>
    [JsonPropertyName("bpm")] public required double Bpm { get; init; }

    /// <summary>Heart-rate variability, ms.</summary>
    [JsonPropertyName("hrv_ms")] public double? HrvMs { get; init; }

    /// <summary>What the person was doing: resting, active, exercise, sleep...</summary>
    [JsonPropertyName("context")] public string? Context { get; init; }

    /// <summary>The measuring device, when known.</summary>
    [JsonPropertyName("device_id")] public string? DeviceId { get; init; }

    /// <summary><c>manual</c> or <c>device</c>.</summary>
    [JsonPropertyName("source")] public string Source { get; init; } = RecordSources.Manual;

    /// <summary>The data quality agents' score (0-1) for device samples.</summary>
    [JsonPropertyName("quality_score")] public double? QualityScore { get; init; }

    /// <summary>When it was stored.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }
}
