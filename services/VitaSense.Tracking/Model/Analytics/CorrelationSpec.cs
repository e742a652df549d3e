using VitaSense.Tracking.Model.Records;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Model.Analytics;

/// <summary>A pair of series to correlate: x of day d with y of day d + <paramref name="Lag"/>.</summary>
/// <param name="X">The first series.</param>
/// <param name="Y">The second series.</param>
/// <param name="Lag">Days y is taken after x.</param>
public sealed record CorrelationSpec(SeriesSource X, SeriesSource Y, int Lag)
{
    /// <summary>Largest lag accepted, in days.</summary>
    public const int MaxLag = 7;

    /// <summary>
    /// The default pairs. A night belongs to the local day it ended, so the day after a night is that same day: sleep
    /// duration pairs with that day's resting heart rate and steps at lag 0.
    /// </summary>
    public static readonly IReadOnlyList<CorrelationSpec> Defaults =
    [
        new(SeriesCatalog.SleepHours, SeriesCatalog.RestingHeartRate, 0),
        new(SeriesCatalog.Steps, SeriesCatalog.Weight, 0),
        new(SeriesCatalog.ActiveMinutes, SeriesCatalog.RestingHeartRate, 0),
        new(SeriesCatalog.SleepHours, SeriesCatalog.Steps, 0),
    ];

    /// <summary>Reads <c>x:y</c> or <c>x:y:lag</c> items separated by commas; null (with an error on <c>pairs</c>) when one is malformed.</summary>
    public static IReadOnlyList<CorrelationSpec>? Parse(string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Defaults;
        }
        var specs = new List<CorrelationSpec>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':', StringSplitOptions.TrimEntries);
            var lag = 0;
            if (parts.Length is < 2 or > 3
                || SeriesCatalog.Resolve(parts[0]) is not { } x
                || SeriesCatalog.Resolve(parts[1]) is not { } y
                || (parts.Length == 3 && (!int.TryParse(parts[2], out lag) || Math.Abs(lag) > MaxLag)))
            {
                errors.Add("pairs", $"'{item}' must be x:y or x:y:lag with two series (steps, sleep_hours, resting_heart_rate, weight, a metric type...) and a lag of at most {MaxLag} days.");
                return null;
            }
            specs.Add(new CorrelationSpec(x, y, lag));
        }
        if (specs.Count is 0 or > 20)
        {
            errors.Add("pairs", "Give 1 to 20 pairs.");
            return null;
        }
        return specs;
    }
}
