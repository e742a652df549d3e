using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.HeartRate;

/// <summary>The answer of <c>GET /api/v1/heart-rate/zones</c>.</summary>
public sealed record HeartRateZoneReport
{
    /// <summary>Always <c>karvonen</c>: zones as shares of the reserve (maximum − resting) above resting.</summary>
    [JsonPropertyName("method")] public string Method { get; init; } = "karvonen";

    /// <summary>Resting heart rate used, bpm.</summary>
    [JsonPropertyName("resting_heart_rate")] public required double RestingHeartRate { get; init; }

    /// <summary><c>profile</c>, <c>measured</c> (5th percentile of the last 30 days' samples) or <c>default</c>.</summary>
    [JsonPropertyName("resting_heart_rate_source")] public required string RestingHeartRateSource { get; init; }

    /// <summary>Maximum heart rate used, bpm.</summary>
    [JsonPropertyName("max_heart_rate")] public required double MaxHeartRate { get; init; }

    /// <summary><c>profile</c>, <c>age</c> (Tanaka: 208 − 0.7 × age) or <c>default</c>.</summary>
    [JsonPropertyName("max_heart_rate_source")] public required string MaxHeartRateSource { get; init; }

    /// <summary>Maximum − resting.</summary>
    [JsonPropertyName("heart_rate_reserve")] public required double HeartRateReserve { get; init; }

    /// <summary>Start of the period (inclusive).</summary>
    [JsonPropertyName("start")] public required DateTimeOffset Start { get; init; }

    /// <summary>End of the period (exclusive).</summary>
    [JsonPropertyName("end")] public required DateTimeOffset End { get; init; }

    /// <summary>The five zones with the time spent in each.</summary>
    [JsonPropertyName("zones")] public required IReadOnlyList<HeartRateZone> Zones { get; init; }

    /// <summary>Time below zone 1 (under 50% of the reserve).</summary>
    [JsonPropertyName("below_zones_minutes")] public required double BelowZonesMinutes { get; init; }

    /// <summary>Time covered by samples in the period.</summary>
    [JsonPropertyName("total_minutes")] public required double TotalMinutes { get; init; }

    /// <summary>Samples in the period.</summary>
    [JsonPropertyName("samples")] public required long Samples { get; init; }

    /// <summary>How the figures were obtained, when defaults stood in for what is not known.</summary>
    [JsonPropertyName("notes")] public required IReadOnlyList<string> Notes { get; init; }
}
