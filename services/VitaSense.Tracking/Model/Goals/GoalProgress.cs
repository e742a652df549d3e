using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Goals;

/// <summary>A goal's progress computed from the user's records, in their local periods.</summary>
public sealed record GoalProgress
{
    /// <summary>The goal.</summary>
    [JsonPropertyName("goal_id")] public required Guid GoalId { get; init; }

    /// <summary>What is measured.</summary>
    [JsonPropertyName("goal_type")] public required string GoalType { get; init; }

    /// <summary>daily, weekly or monthly.</summary>
    [JsonPropertyName("frequency")] public required string Frequency { get; init; }

    /// <summary>at_least or at_most.</summary>
    [JsonPropertyName("direction")] public required string Direction { get; init; }

    /// <summary>The target of a period.</summary>
    [JsonPropertyName("target_value")] public required double TargetValue { get; init; }

    /// <summary>The unit of the values, when known.</summary>
    [JsonPropertyName("unit")] public string? Unit { get; init; }

    /// <summary>The time zone whose days, weeks and months are used.</summary>
    [JsonPropertyName("time_zone")] public required string TimeZone { get; init; }

    /// <summary>The user's local date of the computation.</summary>
    [JsonPropertyName("as_of")] public required DateOnly AsOf { get; init; }

    /// <summary>The period now running.</summary>
    [JsonPropertyName("current_period")] public required PeriodProgress CurrentPeriod { get; init; }

    /// <summary>For totals aimed at: the share of the current period already elapsed, in percent — where the percent should be to be on pace.</summary>
    [JsonPropertyName("expected_percent")] public double? ExpectedPercent { get; init; }

    /// <summary>Whether the current period's percent is at least <see cref="ExpectedPercent"/>; null when pace does not apply.</summary>
    [JsonPropertyName("on_pace")] public bool? OnPace { get; init; }

    /// <summary>The last periods, oldest first, the current one last.</summary>
    [JsonPropertyName("history")] public required IReadOnlyList<PeriodProgress> History { get; init; }

    /// <summary>Consecutive achieved periods.</summary>
    [JsonPropertyName("streak")] public required GoalStreak Streak { get; init; }

    /// <summary>Milestones, reached or not.</summary>
    [JsonPropertyName("milestones")] public required IReadOnlyList<GoalMilestone> Milestones { get; init; }
}
