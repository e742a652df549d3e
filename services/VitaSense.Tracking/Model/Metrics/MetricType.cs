namespace VitaSense.Tracking.Model.Metrics;

/// <summary>A metric type: its canonical name and unit, how its readings are shaped and the range a value may take.</summary>
/// <param name="Name">Canonical snake_case name.</param>
/// <param name="Shape">How a reading is read and checked.</param>
/// <param name="Unit">Canonical unit of the value.</param>
/// <param name="Min">Lowest possible value, canonical unit.</param>
/// <param name="Max">Highest possible value, canonical unit.</param>
public sealed record MetricType(string Name, MetricShape Shape, string Unit, double Min, double Max);
