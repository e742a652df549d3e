using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Goals;

/// <summary>Consecutive achieved periods.</summary>
/// <param name="Current">Achieved periods in a row up to now (the current period counts once achieved; while it is still open and not yet achieved, the run up to the previous one).</param>
/// <param name="Longest">The longest run within the evaluated history.</param>
/// <param name="LongestStart">First period of the longest run.</param>
/// <param name="LongestEnd">Last day of the longest run.</param>
public sealed record GoalStreak(
    [property: JsonPropertyName("current")] int Current,
    [property: JsonPropertyName("longest")] int Longest,
    [property: JsonPropertyName("longest_start")] DateOnly? LongestStart,
    [property: JsonPropertyName("longest_end")] DateOnly? LongestEnd);
