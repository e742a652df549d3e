namespace VitaSense.Tracking.Model.Analytics;

/// <summary>One local day's value of a series.</summary>
/// <param name="Day">The user's local day.</param>
/// <param name="Value">The day's value.</param>
public readonly record struct DailyValue(DateOnly Day, double Value);
