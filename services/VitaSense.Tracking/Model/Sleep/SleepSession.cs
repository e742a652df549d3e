using System.Text.Json;
using System.Text.Json.Serialization;
using VitaSense.Tracking.Model.Records;

namespace VitaSense.Tracking.Model.Sleep;

/// <summary>A night's (or nap's) sleep (<c>tracking.sleep_sessions</c>) as stored and as the API shows it.</summary>
public sealed record SleepSession
{
    /// <summary>The session's id.</summary>
    [JsonPropertyName("id")] public Guid Id { get; init; }

    /// <summary>Start, in the offset it was given with.</summary>
    [JsonPropertyName("start_time")] public required DateTimeOffset StartTime { get; init; }

    /// <summary>End, in the offset it was given with.</summary>
    [JsonPropertyName("end_time")] public required DateTimeOffset EndTime { get; init; }

    /// <summary>Hours slept; end − start when not given.</summary>
    [JsonPropertyName("duration_hours")] public required double DurationHours { get; init; }

    /// <summary>Hours per stage: <c>light_sleep_hours</c>, <c>deep_sleep_hours</c>, <c>rem_sleep_hours</c>, <c>awake_hours</c>.</summary>
    [JsonPropertyName("sleep_stages")] public JsonElement? SleepStages { get; init; }

    /// <summary>0-100.</summary>
    [JsonPropertyName("sleep_score")] public int? SleepScore { get; init; }

    /// <summary>Percent of the time in bed asleep.</summary>
    [JsonPropertyName("sleep_efficiency")] public double? SleepEfficiency { get; init; }

    /// <summary>The tracking device, when known.</summary>
    [JsonPropertyName("device_id")] public string? DeviceId { get; init; }

    /// <summary>Free text.</summary>
    [JsonPropertyName("notes")] public string? Notes { get; init; }

    /// <summary><c>manual</c> or <c>device</c>.</summary>
    [JsonPropertyName("source")] public string Source { get; init; } = RecordSources.Manual;

    /// <summary>When it was stored.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }
}
