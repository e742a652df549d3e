namespace VitaSense.Agents.Insights;

/// <summary>How a metric's readings of one day make its daily value.</summary>
public enum DailyAggregation
{
    /// <summary>The mean of the day's readings (heart rates, weight, glucose, temperatures).</summary>
    Mean,

    /// <summary>The day's total (steps, energy, distance, sleep hours).</summary>
    Sum,
}
