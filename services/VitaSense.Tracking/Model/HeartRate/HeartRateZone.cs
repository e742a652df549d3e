using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.HeartRate;

/// <summary>One Karvonen zone: its bounds as a share of the heart-rate reserve and in bpm, and the time spent in it.</summary>
/// <param name="Zone">1 to 5.</param>
/// <param name="Name">recovery, aerobic, tempo, threshold, maximum.</param>
/// <param name="MinPercent">Lower bound, % of reserve.</param>
/// <param name="MaxPercent">Upper bound, % of reserve.</param>
/// <param name="MinBpm">Lower bound, bpm (inclusive).</param>
/// <param name="MaxBpm">Upper bound, bpm (exclusive, except zone 5's).</param>
/// <param name="Minutes">Time in the zone over the period.</param>
/// <param name="Samples">Samples in the zone.</param>
public sealed record HeartRateZone(
    [property: JsonPropertyName("zone")] int Zone,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("min_percent")] int MinPercent,
    [property: JsonPropertyName("max_percent")] int MaxPercent,
    [property: JsonPropertyName("min_bpm")] double MinBpm,
    [property: JsonPropertyName("max_bpm")] double MaxBpm,
    [property: JsonPropertyName("minutes")] double Minutes,
    [property: JsonPropertyName("samples")] long Samples);
