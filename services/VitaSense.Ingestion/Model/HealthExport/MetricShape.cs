namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>Which fields of a <see cref="MetricPoint"/> carry a metric's value.</summary>
public enum MetricShape
{
    /// <summary>A single <c>qty</c>.</summary>
    Quantity,

    /// <summary><c>Min</c>/<c>Avg</c>/<c>Max</c> (or <c>qty</c>).</summary>
    HeartRate,

    /// <summary><c>systolic</c> and <c>diastolic</c>.</summary>
    BloodPressure,

    /// <summary>Aggregated nightly fields, or unaggregated stages with <c>startDate</c>/<c>endDate</c>.</summary>
    Sleep,

    /// <summary><c>qty</c> with a <c>mealTime</c>.</summary>
    BloodGlucose,

    /// <summary><c>qty</c> with a <c>reason</c> (Bolus or Basal).</summary>
    Insulin,
}
