namespace VitaSense.Agents.Evaluation.Synthetic;

/// <summary>A daily wearable series the forecaster is evaluated on.</summary>
public enum DailyMetric
{
    Steps,
    RestingHeartRate,
    SleepHours,
    Weight,
    Glucose,
}
