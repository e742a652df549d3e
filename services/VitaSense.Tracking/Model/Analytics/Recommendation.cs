using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Analytics;

/// <summary>A recommendation derived from the user's own data, with the numbers behind it.</summary>
/// <param name="Type"><c>goal</c>, <c>trend</c>, <c>sleep_debt</c> or <c>anomaly</c>.</param>
/// <param name="Priority"><c>high</c>, <c>medium</c> or <c>low</c>.</param>
/// <param name="Title">A short headline.</param>
/// <param name="Text">What to do.</param>
/// <param name="Reason">Why: the figures it is derived from.</param>
/// <param name="Subject">What it is about: a goal id, a series, an anomaly type.</param>
public sealed record Recommendation(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("priority")] string Priority,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("recommendation")] string Text,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("subject")] string? Subject);

/// <summary>The user's recommendations, most pressing first.</summary>
/// <param name="AsOf">The user's local today.</param>
/// <param name="Recommendations">The recommendations.</param>
public sealed record RecommendationReport(
    [property: JsonPropertyName("as_of")] DateOnly AsOf,
    [property: JsonPropertyName("recommendations")] IReadOnlyList<Recommendation> Recommendations);
