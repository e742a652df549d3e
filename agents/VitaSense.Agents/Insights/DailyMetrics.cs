using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Insights;

/// <summary>Which readings count towards daily values, and how a metric's day is summarised.</summary>
public static class DailyMetrics
{
    // Flags that make a reading not a (new) measurement: counting a duplicate twice would inflate a day's steps,
    // and an impossible or unreadable value would skew a mean.
    private static readonly HashSet<string> ExcludingFlags = new(StringComparer.Ordinal) { "duplicate", "out_of_range", "invalid_format" };

    private static readonly HashSet<string> SummedMetrics = new(StringComparer.Ordinal)
    {
        "step_count", "active_energy", "active_energy_burned", "basal_energy_burned", "resting_energy", "flights_climbed",
        "apple_exercise_time", "apple_stand_time", "exercise_minutes", "mindful_minutes", "sleep_analysis", "sleep_hours",
    };

    /// <summary>
    /// <see cref="DailyAggregation.Sum"/> for quantities that accumulate over a day (steps, energy, distance, sleep),
    /// <see cref="DailyAggregation.Mean"/> for levels (heart rates, weight, glucose and anything unknown).
    /// </summary>
    public static DailyAggregation AggregationFor(string metric) =>
        SummedMetrics.Contains(metric) || metric.StartsWith("distance_", StringComparison.Ordinal)
            || metric.StartsWith("dietary_", StringComparison.Ordinal) || metric.StartsWith("sleep_", StringComparison.Ordinal)
            || metric.EndsWith("_energy", StringComparison.Ordinal)
            ? DailyAggregation.Sum
            : DailyAggregation.Mean;

    /// <summary>The daily value of an aggregate of <paramref name="metric"/>.</summary>
    public static double ValueOf(string metric, double sum, int count) =>
        AggregationFor(metric) == DailyAggregation.Sum || count == 0 ? sum : sum / count;

    /// <summary>
    /// The readings of <paramref name="batch"/> that count: measured (not interpolated), with a finite value, not a
    /// duplicate, out of range or unreadable; each on its local day.
    /// </summary>
    public static IEnumerable<DailyReading> Readings(ObservationsProcessed batch) =>
        batch.Points
            .Where(p => !p.Interpolated && p.Value is { } v && double.IsFinite(v) && !p.Flags.Any(ExcludingFlags.Contains))
            .Select(p => new DailyReading(LocalDay(p.Timestamp, p.UtcOffset), p.Value!.Value, p.Timestamp));

    /// <summary>The local calendar day of a UTC instant at <paramref name="utcOffsetMinutes"/>.</summary>
    public static DateOnly LocalDay(DateTimeOffset timestamp, int utcOffsetMinutes) =>
        DateOnly.FromDateTime(timestamp.UtcDateTime.AddMinutes(utcOffsetMinutes));
}
