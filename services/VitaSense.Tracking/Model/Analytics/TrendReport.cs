using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Analytics;

/// <summary>Trends of the user's series over consecutive windows of days, the latest first.</summary>
/// <param name="WindowDays">Days per window.</param>
/// <param name="AsOf">The user's local today (the last day of the latest window).</param>
/// <param name="TimeZone">The time zone of the days.</param>
/// <param name="Trends">One entry per series.</param>
public sealed record TrendReport(
    [property: JsonPropertyName("window_days")] int WindowDays,
    [property: JsonPropertyName("as_of")] DateOnly AsOf,
    [property: JsonPropertyName("time_zone")] string TimeZone,
    [property: JsonPropertyName("trends")] IReadOnlyList<MetricTrends> Trends);

/// <summary>The windows of one series.</summary>
/// <param name="MetricType">The series.</param>
/// <param name="Unit">Its unit, when known.</param>
/// <param name="Windows">The windows, the latest first.</param>
public sealed record MetricTrends(
    [property: JsonPropertyName("metric_type")] string MetricType,
    [property: JsonPropertyName("unit")] string? Unit,
    [property: JsonPropertyName("windows")] IReadOnlyList<TrendWindow> Windows);

/// <summary>The trend within one window: an OLS line of the daily values against the day, its slope tested against zero.</summary>
/// <param name="StartDate">First day.</param>
/// <param name="EndDate">Last day.</param>
/// <param name="Mean">Mean of the days with a value.</param>
/// <param name="Trend">The slope, its p-value and, when significant at 0.05, its direction.</param>
/// <param name="Worsening">Whether the direction is a worsening (significant and away from what is better for this series); null when neither direction is better.</param>
public sealed record TrendWindow(
    [property: JsonPropertyName("start_date")] DateOnly StartDate,
    [property: JsonPropertyName("end_date")] DateOnly EndDate,
    [property: JsonPropertyName("mean")] double? Mean,
    [property: JsonPropertyName("trend")] TrendLine Trend,
    [property: JsonPropertyName("worsening")] bool? Worsening);
