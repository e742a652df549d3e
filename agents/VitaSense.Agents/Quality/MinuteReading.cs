namespace VitaSense.Agents.Quality;

/// <summary>A clean heart rate reading to remember for the cross-device check.</summary>
/// <param name="Minute">Minutes since 0001-01-01 UTC.</param>
/// <param name="Source">The stream's source.</param>
/// <param name="Value">The reading.</param>
public readonly record struct MinuteReading(long Minute, string Source, double Value);
