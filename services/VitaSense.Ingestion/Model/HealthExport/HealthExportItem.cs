namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// One thing read from a Health Auto Export payload: a <see cref="MetricPoint"/>, a <see cref="WorkoutItem"/>, an <see cref="EcgRecording"/>,
/// a <see cref="SymptomRecord"/>, a <see cref="CollectionRecord"/> or a <see cref="RejectedItem"/>.
/// </summary>
public abstract class HealthExportItem
{
    /// <summary>Position within its array: the metric's <c>data</c> array, <c>workouts</c>, or the other collection's array.</summary>
    public required int Index { get; init; }
}
