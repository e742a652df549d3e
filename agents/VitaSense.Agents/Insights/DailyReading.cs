namespace VitaSense.Agents.Insights;

/// <summary>A processed reading that counts towards its local day's aggregate.</summary>
/// <param name="Day">The reading's local day (its timestamp shifted by its own UTC offset).</param>
/// <param name="Value">The value in the stream's canonical unit.</param>
/// <param name="Timestamp">When it was measured.</param>
public readonly record struct DailyReading(DateOnly Day, double Value, DateTimeOffset Timestamp);
