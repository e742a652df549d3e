using System.Text.Json;
using System.Text.Json.Serialization;
using VitaSense.Tracking.Model.Records;

namespace VitaSense.Tracking.Model.Activities;

/// <summary>An activity session (<c>tracking.activities</c>) as stored and as the API shows it.</summary>
public sealed record Activity
{
    /// <summary>The activity's id.</summary>
    [JsonPropertyName("id")] public Guid Id { get; init; }

    /// <summary>snake_case kind, such as <c>running</c> or <c>cycling</c>.</summary>
    [JsonPropertyName("activity_type")] public required string ActivityType { get; init; }

    /// <summary>Start, in the offset it was given with.</summary>
    [JsonPropertyName("start_time")] public required DateTimeOffset StartTime { get; init; }

    /// <summary>End, in the offset it was given with.</summary>
    [JsonPropertyName("end_time")] public required DateTimeOffset EndTime { get; init; }

    /// <summary>Minutes; from start and end when not given.</summary>
    [JsonPropertyName("duration_minutes")] public double DurationMinutes { get; init; }

    /// <summary>Kilometres.</summary>
    [JsonPropertyName("distance_km")] public double? DistanceKm { get; init; }

    /// <summary>Kilocalories.</summary>
    [JsonPropertyName("calories_burned")] public double? CaloriesBurned { get; init; }

    /// <summary>Steps.</summary>
    [JsonPropertyName("steps")] public int? Steps { get; init; }

    /// <summary>Metres climbed.</summary>
    [JsonPropertyName("elevation_gain_m")] public double? ElevationGainM { get; init; }

    /// <summary>Minutes per kilometre; from duration and distance when not given.</summary>
    [JsonPropertyName("pace_min_per_km")] public double? PaceMinPerKm { get; init; }

    /// <summary>Mean of <see cref="HeartRateData"/>'s bpm (or the device's average).</summary>
    [JsonPropertyName("average_heart_rate")] public double? AverageHeartRate { get; init; }

    /// <summary>Heart-rate samples <c>[{timestamp, bpm}]</c>, as given.</summary>
    [JsonPropertyName("heart_rate_data")] public JsonElement? HeartRateData { get; init; }

    /// <summary>GPS route <c>{coordinates: [{lat, lng}]}</c>, as given.</summary>
    [JsonPropertyName("route")] public JsonElement? Route { get; init; }

    /// <summary>Weather <c>{temperature_c, humidity_percent, conditions}</c>, as given.</summary>
    [JsonPropertyName("weather")] public JsonElement? Weather { get; init; }

    /// <summary>Free text.</summary>
    [JsonPropertyName("notes")] public string? Notes { get; init; }

    /// <summary>The recording device, when known.</summary>
    [JsonPropertyName("device_id")] public string? DeviceId { get; init; }

    /// <summary><c>manual</c> or <c>device</c>.</summary>
    [JsonPropertyName("source")] public string Source { get; init; } = RecordSources.Manual;

    /// <summary>When it was stored.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    [JsonPropertyName("updated_at")] public DateTimeOffset UpdatedAt { get; init; }
}
