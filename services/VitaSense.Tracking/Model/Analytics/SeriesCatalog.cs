using VitaSense.Tracking.Model.Metrics;

namespace VitaSense.Tracking.Model.Analytics;

/// <summary>
/// The series goals and analytics can be about: the named ones (steps, distance, active minutes, calories, sleep hours,
/// weight, resting heart rate, workouts) and any metric type of <see cref="MetricTypes"/> with a scalar value, by any of
/// its accepted spellings.
/// </summary>
public static class SeriesCatalog
{
    /// <summary>Total steps a day.</summary>
    public static readonly SeriesSource Steps = new("steps", SeriesKind.Steps, "step_count", SeriesAggregation.Sum, SeriesAggregation.Sum, "steps", true);

    /// <summary>Total walking and running distance a day.</summary>
    public static readonly SeriesSource Distance = new("distance", SeriesKind.Distance, "walking_running_distance", SeriesAggregation.Sum, SeriesAggregation.Sum, "km", true);

    /// <summary>Minutes of activities a day.</summary>
    public static readonly SeriesSource ActiveMinutes = new("active_minutes", SeriesKind.ActiveMinutes, null, SeriesAggregation.Sum, SeriesAggregation.Sum, "min", true);

    /// <summary>Active calories a day.</summary>
    public static readonly SeriesSource Calories = new("calories", SeriesKind.Calories, "active_energy", SeriesAggregation.Sum, SeriesAggregation.Sum, "kcal", true);

    /// <summary>Hours slept per night; a week's or month's value is the average night.</summary>
    public static readonly SeriesSource SleepHours = new("sleep_hours", SeriesKind.SleepHours, null, SeriesAggregation.Sum, SeriesAggregation.Mean, "h", true);

    /// <summary>The last weight of the day (of the period).</summary>
    public static readonly SeriesSource Weight = new("weight", SeriesKind.Metric, "weight_body_mass", SeriesAggregation.Last, SeriesAggregation.Last, "kg", null);

    /// <summary>The average resting heart rate.</summary>
    public static readonly SeriesSource RestingHeartRate = new("resting_heart_rate", SeriesKind.Metric, "resting_heart_rate", SeriesAggregation.Mean, SeriesAggregation.Mean, "bpm", false);

    /// <summary>The number of activities.</summary>
    public static readonly SeriesSource Workouts = new("workouts", SeriesKind.Workouts, null, SeriesAggregation.Sum, SeriesAggregation.Sum, "workouts", true);

    private static readonly Dictionary<string, SeriesSource> Named = new(StringComparer.Ordinal)
    {
        ["steps"] = Steps,
        ["step_count"] = Steps,
        ["distance"] = Distance,
        ["walking_running_distance"] = Distance,
        ["active_minutes"] = ActiveMinutes,
        ["calories"] = Calories,
        ["active_energy"] = Calories,
        ["sleep_hours"] = SleepHours,
        ["sleep_duration"] = SleepHours,
        ["weight"] = Weight,
        ["weight_body_mass"] = Weight,
        ["resting_heart_rate"] = RestingHeartRate,
        ["workouts"] = Workouts,
    };

    // Metric types whose readings are amounts accumulated over time: a day's value is their total, not their average.
    private static readonly HashSet<string> Cumulative = new(StringComparer.Ordinal)
    {
        "basal_energy_burned", "apple_exercise_time", "apple_move_time", "apple_stand_time", "apple_stand_hour", "flights_climbed",
        "wheelchair_push_count", "swim_stroke_count", "mindful_minutes", "time_in_daylight", "number_of_alcoholic_beverages",
        "inhaler_usage", "handwashing", "toothbrushing", "sexual_activity", "number_of_times_fallen",
    };

    // Types the metrics table holds without a scalar value, or whose readings live in other tables.
    private static readonly HashSet<string> NotSeries = new(StringComparer.Ordinal)
    {
        MetricTypes.BloodPressure, MetricTypes.HeartRate, MetricTypes.SleepAnalysis, MetricTypes.Workouts,
    };

    /// <summary>The series named <paramref name="name"/> (a named series or a metric type in any accepted spelling); null when there is none.</summary>
    public static SeriesSource? Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var key = name.Trim().ToLowerInvariant();
        if (Named.TryGetValue(key, out var named))
        {
            return named;
        }
        if (key.Length > 64 || MetricTypes.Find(key) is not { } type || NotSeries.Contains(type.Name))
        {
            return null;
        }
        if (Named.TryGetValue(type.Name, out var alias))
        {
            return alias;
        }
        key = type.Name;
        var cumulative = Cumulative.Contains(key) || key.StartsWith("dietary_", StringComparison.Ordinal) || key.EndsWith("_distance", StringComparison.Ordinal);
        return cumulative
            ? new SeriesSource(key, SeriesKind.Metric, key, SeriesAggregation.Sum, SeriesAggregation.Sum, type.Unit, null)
            : new SeriesSource(key, SeriesKind.Metric, key, SeriesAggregation.Mean, SeriesAggregation.Mean, type.Unit, null);
    }
}
