using System.Text.Json.Serialization;

namespace VitaSense.Contracts.Events;

/// <summary>A data quality problem the agents found in a user's readings.</summary>
public sealed record DataQualityIssueDetected
{
    /// <summary>The issue's id; equal to the CloudEvent id, so a reprocessed reading reports the same issue.</summary>
    [JsonPropertyName("issue_id")] public required string IssueId { get; init; }

    /// <summary>Owner of the readings.</summary>
    [JsonPropertyName("user_id")] public required string UserId { get; init; }

    /// <summary>The registered device, when known.</summary>
    [JsonPropertyName("device_id")] public string? DeviceId { get; init; }

    /// <summary>Where the readings come from.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>Canonical snake_case metric name.</summary>
    [JsonPropertyName("metric")] public required string Metric { get; init; }

    /// <summary>
    /// <c>out_of_range</c>, <c>outlier</c>, <c>duplicate</c>, <c>out_of_order</c>, <c>gap</c>,
    /// <c>cross_device_disagreement</c> or <c>invalid_format</c>.
    /// </summary>
    [JsonPropertyName("issue_type")] public required string IssueType { get; init; }

    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    [JsonPropertyName("severity")] public required string Severity { get; init; }

    /// <summary>When the reading concerned was measured (for a gap: where it ends).</summary>
    [JsonPropertyName("timestamp")] public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The reading's value, when it has one.</summary>
    [JsonPropertyName("value")] public double? Value { get; init; }

    /// <summary>A sentence a person can read.</summary>
    [JsonPropertyName("detail")] public required string Detail { get; init; }

    /// <summary>
    /// When it was detected: the time of the event that carried the readings, not the clock's, so reprocessing
    /// publishes the same event.
    /// </summary>
    [JsonPropertyName("detected_at")] public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>The id of the <see cref="ObservationsIngested"/> event the readings came in.</summary>
    [JsonPropertyName("source_event_id")] public string? SourceEventId { get; init; }
}
