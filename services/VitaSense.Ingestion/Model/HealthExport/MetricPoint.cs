namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// One entry of a metric's <c>data</c> array. Which value fields are set depends on the metric's shape:
/// <see cref="Qty"/> for plain quantities, Min/Avg/Max for heart rate, systolic/diastolic for blood pressure,
/// <see cref="Sleep"/> for aggregated sleep, StartDate/EndDate/<see cref="Value"/> for unaggregated sleep.
/// </summary>
public sealed class MetricPoint : HealthExportItem
{
    /// <summary>Canonical snake_case metric name (<c>vo2max</c> becomes <c>vo2_max</c>).</summary>
    public required string Metric { get; init; }

    /// <summary>The metric's <c>units</c>, if given.</summary>
    public string? Units { get; init; }

    /// <summary>The point's <c>date</c>, or its <c>startDate</c> when it only has an interval.</summary>
    public DateTimeOffset Date { get; init; }

    /// <summary>True when the date had no time of day (aggregated sleep).</summary>
    public bool DateOnly { get; init; }

    /// <summary>The plain quantity.</summary>
    public double? Qty { get; init; }

    /// <summary>Heart rate minimum.</summary>
    public double? Min { get; init; }

    /// <summary>Heart rate average.</summary>
    public double? Avg { get; init; }

    /// <summary>Heart rate maximum.</summary>
    public double? Max { get; init; }

    /// <summary>Blood pressure systolic.</summary>
    public double? Systolic { get; init; }

    /// <summary>Blood pressure diastolic.</summary>
    public double? Diastolic { get; init; }

    /// <summary>Aggregated sleep fields, when the point is a nightly summary.</summary>
    public SleepSummary? Sleep { get; init; }

    /// <summary>Interval start (unaggregated sleep and other interval samples).</summary>
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>Interval end.</summary>
    public DateTimeOffset? EndDate { get; init; }

    /// <summary>Category value, e.g. the sleep stage <c>Core</c>.</summary>
    public string? Value { get; init; }

    /// <summary>Blood glucose <c>mealTime</c>.</summary>
    public string? MealTime { get; init; }

    /// <summary>Insulin delivery <c>reason</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>The <c>source</c> split on '|', e.g. <c>["My iPhone", "My Apple Watch"]</c>.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>The point's <c>metadata</c> object, values as text; null when absent.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Fields this reader has no typed place for (an unknown metric's values), as raw text; null when none.</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }
}
