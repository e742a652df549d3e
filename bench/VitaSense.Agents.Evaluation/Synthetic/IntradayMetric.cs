namespace VitaSense.Agents.Evaluation.Synthetic;

/// <summary>A 5-minute wearable stream the anomaly detectors are evaluated on.</summary>
public enum IntradayMetric
{
    HeartRate,
    Glucose,
}
