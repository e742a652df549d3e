using System.Text.Json.Serialization;

namespace VitaSense.Contracts.Events;

/// <summary>
/// A user reached a goal in one of its periods (a local day, ISO week or month in the user's time zone). Published
/// once per goal and period by the tracking service, whoever or whatever evaluated the progress.
/// </summary>
public sealed record GoalAchieved
{
    /// <summary>Owner of the goal.</summary>
    [JsonPropertyName("user_id")] public required string UserId { get; init; }

    /// <summary>The goal.</summary>
    [JsonPropertyName("goal_id")] public required Guid GoalId { get; init; }

    /// <summary>What is measured, for example <c>steps</c> or <c>weight</c>.</summary>
    [JsonPropertyName("goal_type")] public required string GoalType { get; init; }

    /// <summary><c>daily</c>, <c>weekly</c> or <c>monthly</c>.</summary>
    [JsonPropertyName("frequency")] public required string Frequency { get; init; }

    /// <summary><c>at_least</c> (reach the target or more) or <c>at_most</c> (stay at or below it).</summary>
    [JsonPropertyName("direction")] public required string Direction { get; init; }

    /// <summary>The target of one period.</summary>
    [JsonPropertyName("target_value")] public required double TargetValue { get; init; }

    /// <summary>The value the period reached.</summary>
    [JsonPropertyName("value")] public required double Value { get; init; }

    /// <summary>First local day of the period.</summary>
    [JsonPropertyName("period_start")] public required DateOnly PeriodStart { get; init; }

    /// <summary>Last local day of the period.</summary>
    [JsonPropertyName("period_end")] public required DateOnly PeriodEnd { get; init; }

    /// <summary>When the tracking service saw the goal reached.</summary>
    [JsonPropertyName("achieved_at")] public required DateTimeOffset AchievedAt { get; init; }
}
