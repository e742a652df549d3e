using System.Text.Json;
using System.Text.Json.Serialization;

namespace VitaSense.Contracts.Events;

/// <summary>One reading of an <see cref="ObservationsProcessed"/> event with its quality assessment.</summary>
public sealed record ProcessedObservationPoint
{
    /// <summary>When it was measured (UTC).</summary>
    [JsonPropertyName("timestamp")] public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The reading's own UTC offset in minutes.</summary>
    [JsonPropertyName("utc_offset")] public int UtcOffset { get; init; }

    /// <summary>The value in the stream's canonical unit; absent for readings that are only structured (blood pressure).</summary>
    [JsonPropertyName("value")] public double? Value { get; init; }

    /// <summary>Structured values as received, e.g. <c>systolic</c>/<c>diastolic</c>; <c>raw</c> holds the measured value when <see cref="CalibrationFactor"/> was applied.</summary>
    [JsonPropertyName("values")] public IReadOnlyDictionary<string, JsonElement>? Values { get; init; }

    /// <summary>How far the reading can be trusted, from 0 (not at all) to 1, derived from its flags.</summary>
    [JsonPropertyName("quality_score")] public double QualityScore { get; init; }

    /// <summary>How unusual the value is for its stream, from 0 (typical) to 1 (an outlier).</summary>
    [JsonPropertyName("outlier_score")] public double OutlierScore { get; init; }

    /// <summary>
    /// What the checks found: <c>out_of_range</c>, <c>outlier</c>, <c>duplicate</c>, <c>out_of_order</c>,
    /// <c>interpolated</c>, <c>cross_device_disagreement</c>, <c>invalid_format</c>; empty when the reading is clean.
    /// </summary>
    [JsonPropertyName("flags")] public required IReadOnlyList<string> Flags { get; init; }

    /// <summary>The correction factor applied to the value by calibration, when one was.</summary>
    [JsonPropertyName("calibration_factor")] public double? CalibrationFactor { get; init; }

    /// <summary>True for a reading the agents made up to fill a short gap; never a measurement.</summary>
    [JsonPropertyName("interpolated")] public bool Interpolated { get; init; }
}
