using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Metrics;

/// <summary>A least-squares line through a series' readings.</summary>
/// <param name="SlopePerDay">Change of the value per day.</param>
/// <param name="Direction"><c>up</c>, <c>down</c> or <c>stable</c> (the line moves less than <see cref="StableShare"/> of the mean over the readings' span).</param>
public sealed record MetricTrend(
    [property: JsonPropertyName("slope_per_day")] double SlopePerDay,
    [property: JsonPropertyName("direction")] string Direction)
{
    /// <summary>Below this relative change over the period a series is stable.</summary>
    public const double StableShare = 0.02;

    /// <summary>The trend of a slope over <paramref name="spanDays"/> around <paramref name="mean"/>; null without a slope.</summary>
    public static MetricTrend? From(double? slopePerDay, double spanDays, double? mean)
    {
        if (slopePerDay is not { } slope || !double.IsFinite(slope))
        {
            return null;
        }
        var change = slope * spanDays;
        var scale = Math.Abs(mean ?? 0);
        var direction = scale > 0 && Math.Abs(change) / scale < StableShare || change == 0 ? "stable" : change > 0 ? "up" : "down";
        return new MetricTrend(Math.Round(slope, 4), direction);
    }
}
