using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Goals;

/// <summary>
/// A milestone: <c>percent_25</c>, <c>percent_50</c>, <c>percent_75</c>, <c>percent_100</c> of the current period,
/// <c>best_period</c> (its value and period) or <c>longest_streak</c> (its length in periods).
/// </summary>
/// <param name="Milestone">Which milestone.</param>
/// <param name="Achieved">Whether it is reached.</param>
/// <param name="Value">The value behind it: the percent reached, the best period's value, the streak's length.</param>
/// <param name="PeriodStart">The period it belongs to (the current one, the best one, the streak's first).</param>
public sealed record GoalMilestone(
    [property: JsonPropertyName("milestone")] string Milestone,
    [property: JsonPropertyName("achieved")] bool Achieved,
    [property: JsonPropertyName("value")] double? Value,
    [property: JsonPropertyName("period_start")] DateOnly? PeriodStart);
