namespace VitaSense.Agents.Ml;

/// <summary>One forecast day: the point forecast and its prediction interval (<c>Lower ≤ Value ≤ Upper</c>).</summary>
/// <param name="Day">The forecast day.</param>
/// <param name="Value">Point forecast.</param>
/// <param name="Lower">Lower bound of the prediction interval.</param>
/// <param name="Upper">Upper bound of the prediction interval.</param>
public sealed record ForecastPoint(DateOnly Day, double Value, double Lower, double Upper);
