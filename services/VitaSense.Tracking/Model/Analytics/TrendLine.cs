using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Analytics;

/// <summary>A least-squares trend of a daily series.</summary>
/// <param name="N">Days with a value.</param>
/// <param name="SlopePerDay">Change per day; null with fewer than 3 days.</param>
/// <param name="SlopePerWeek">Change per week (7 × per day).</param>
/// <param name="PValue">Two-sided p-value of the slope (t test, n − 2 degrees of freedom).</param>
/// <param name="Significant">Whether p &lt; 0.05.</param>
/// <param name="Direction"><c>increasing</c> or <c>decreasing</c> when significant, else null.</param>
public sealed record TrendLine(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("slope_per_day")] double? SlopePerDay,
    [property: JsonPropertyName("slope_per_week")] double? SlopePerWeek,
    [property: JsonPropertyName("p_value")] double? PValue,
    [property: JsonPropertyName("significant")] bool Significant,
    [property: JsonPropertyName("direction")] string? Direction)
{
    /// <summary>The significance level.</summary>
    public const double Alpha = 0.05;

    /// <summary>Fewest days a trend is called significant on: a few points can lie on a line by chance or by rounding.</summary>
    public const int MinimumDays = 7;

    /// <summary>The trend of <paramref name="days"/> against their day number.</summary>
    public static TrendLine Of(IReadOnlyList<DailyValue> days)
    {
        if (days.Count == 0)
        {
            return new TrendLine(0, null, null, null, false, null);
        }
        var origin = days[0].Day;
        var fit = Services.Analytics.LinearFit.Of(days.Select(d => (double)(d.Day.DayNumber - origin.DayNumber)).ToList(), days.Select(d => d.Value).ToList());
        if (fit is null)
        {
            return new TrendLine(days.Count, null, null, null, false, null);
        }
        var significant = fit.P < Alpha && fit.N >= MinimumDays;
        return new TrendLine(fit.N, Math.Round(fit.Slope, 6), Math.Round(fit.Slope * 7, 6), fit.P, significant,
            !significant || fit.Slope == 0 ? null : fit.Slope > 0 ? "increasing" : "decreasing");
    }
}
