using System.Text.Json.Serialization;

namespace VitaSense.Contracts.Events;

/// <summary>
/// A device's calibration for one metric changed: its correction factor against a reference device of the same user
/// moved beyond the threshold, or its status changed (calibrated, drifting).
/// </summary>
public sealed record CalibrationChanged
{
    /// <summary>Owner of the device.</summary>
    [JsonPropertyName("user_id")] public required string UserId { get; init; }

    /// <summary>The registered device, when known.</summary>
    [JsonPropertyName("device_id")] public string? DeviceId { get; init; }

    /// <summary>Where the readings come from: an app source or a device id.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>Canonical snake_case metric name, such as <c>heart_rate</c>.</summary>
    [JsonPropertyName("metric")] public required string Metric { get; init; }

    /// <summary>The correction factor: multiply the device's value by it to match the reference.</summary>
    [JsonPropertyName("factor")] public required double Factor { get; init; }

    /// <summary>The factor last announced for this device and metric, when one was.</summary>
    [JsonPropertyName("previous_factor")] public double? PreviousFactor { get; init; }

    /// <summary>The source the device was compared with.</summary>
    [JsonPropertyName("reference_source")] public required string ReferenceSource { get; init; }

    /// <summary>Paired readings (same minute, within one minute) the factor was learned from.</summary>
    [JsonPropertyName("pairs")] public required int Pairs { get; init; }

    /// <summary>How far the factor can be trusted, from 0 to 1 (more pairs and less spread: higher).</summary>
    [JsonPropertyName("confidence")] public required double Confidence { get; init; }

    /// <summary><c>uncalibrated</c>, <c>calibrated</c> or <c>drifting</c>.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary><c>recalibrate</c> when drifting, <c>none</c> otherwise.</summary>
    [JsonPropertyName("recommendation")] public required string Recommendation { get; init; }

    /// <summary>
    /// When it happened: the time of the processed readings that moved the factor, not the clock's, so reprocessing
    /// publishes the same event.
    /// </summary>
    [JsonPropertyName("occurred_at")] public required DateTimeOffset OccurredAt { get; init; }
}
