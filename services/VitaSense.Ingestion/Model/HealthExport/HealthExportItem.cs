namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>One thing read from a Health Auto Export payload: a <see cref="MetricPoint"/>, a <see cref="WorkoutItem"/> or a <see cref="RejectedItem"/>.</summary>
public abstract class HealthExportItem
{
    /// <summary>Position within its array: the metric's <c>data</c> array, or <c>workouts</c>.</summary>
    public required int Index { get; init; }
}
