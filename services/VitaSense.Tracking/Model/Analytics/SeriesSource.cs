namespace VitaSense.Tracking.Model.Analytics;

/// <summary>Where a daily series is read from.</summary>
public enum SeriesKind
{
    /// <summary>Metric <c>step_count</c> plus steps of activities the metric does not already cover.</summary>
    Steps,

    /// <summary>Metric <c>walking_running_distance</c> plus distance of activities the metric does not already cover (km).</summary>
    Distance,

    /// <summary>Duration of activities (minutes).</summary>
    ActiveMinutes,

    /// <summary>Metric <c>active_energy</c> plus calories of activities the metric does not already cover (kcal).</summary>
    Calories,

    /// <summary>Sleep sessions' hours, by the local day the sleep ended.</summary>
    SleepHours,

    /// <summary>Number of activities.</summary>
    Workouts,

    /// <summary>Readings of one metric type.</summary>
    Metric,
}

/// <summary>How the readings of one day, or the days of a longer period, are combined into one value.</summary>
public enum SeriesAggregation
{
    /// <summary>Added up (steps, minutes, kcal).</summary>
    Sum,

    /// <summary>Averaged (resting heart rate, nightly sleep over a week).</summary>
    Mean,

    /// <summary>The latest reading (weight).</summary>
    Last,
}

/// <summary>
/// A daily series of a user's records: what is read (<see cref="Kind"/>, <see cref="MetricType"/>), how one local day's
/// readings make the day's value (<see cref="Day"/>) and how days make a week's or month's value (<see cref="Period"/>).
/// </summary>
/// <param name="Name">The name clients use (goal type, trend metric).</param>
/// <param name="Kind">Which tables are read.</param>
/// <param name="MetricType">The metric type read, for <see cref="SeriesKind.Metric"/> and the metric half of combined kinds.</param>
/// <param name="Day">How a day's readings combine.</param>
/// <param name="Period">How a period's days combine.</param>
/// <param name="Unit">The unit of the values.</param>
/// <param name="HigherIsBetter">Whether a rising series is an improvement; null when neither direction is (a trend is then not judged).</param>
public sealed record SeriesSource(string Name, SeriesKind Kind, string? MetricType, SeriesAggregation Day, SeriesAggregation Period, string? Unit, bool? HigherIsBetter);
