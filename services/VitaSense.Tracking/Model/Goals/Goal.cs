using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Goals;

/// <summary>A user's goal: reach (or stay within) a target of one series every day, week or month until a date.</summary>
public sealed record Goal
{
    /// <summary>The goal's id.</summary>
    [JsonPropertyName("id")] public required Guid GoalId { get; init; }

    /// <summary>Owner; never serialised, the caller is the owner.</summary>
    [JsonIgnore] public string UserId { get; init; } = "";

    /// <summary>What is measured: a named series (<c>steps</c>, <c>sleep_hours</c>...) or a metric type.</summary>
    [JsonPropertyName("goal_type")] public required string GoalType { get; init; }

    /// <summary>The target of one period, in the series' unit.</summary>
    [JsonPropertyName("target_value")] public required double TargetValue { get; init; }

    /// <summary><see cref="GoalDirections.AtLeast"/> or <see cref="GoalDirections.AtMost"/>.</summary>
    [JsonPropertyName("direction")] public required string Direction { get; init; }

    /// <summary>The last day the goal runs to.</summary>
    [JsonPropertyName("target_date")] public required DateOnly TargetDate { get; init; }

    /// <summary><c>daily</c>, <c>weekly</c> or <c>monthly</c>.</summary>
    [JsonPropertyName("frequency")] public required string Frequency { get; init; }

    /// <summary>Free text.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>Free grouping, such as <c>fitness</c>.</summary>
    [JsonPropertyName("category")] public string? Category { get; init; }

    /// <summary>Whether the goal is pursued (evaluated in the background, listed as active).</summary>
    [JsonPropertyName("is_active")] public required bool IsActive { get; init; }

    /// <summary>When it was created.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonPropertyName("updated_at")] public DateTimeOffset UpdatedAt { get; init; }
}
