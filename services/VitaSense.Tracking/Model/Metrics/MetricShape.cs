namespace VitaSense.Tracking.Model.Metrics;

/// <summary>How a metric's readings are shaped.</summary>
public enum MetricShape
{
    /// <summary>One number in the canonical unit.</summary>
    Quantity,

    /// <summary>Systolic, diastolic and pulse; no single value.</summary>
    BloodPressure,

    /// <summary>mg/dL or mmol/L, with the meal context.</summary>
    BloodGlucose,

    /// <summary>kg or lb, with body composition and BMI.</summary>
    Weight,

    /// <summary>°C or °F.</summary>
    Temperature,
}
