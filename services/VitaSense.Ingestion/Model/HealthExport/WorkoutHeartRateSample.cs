namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>A <c>heartRateData</c> sample: Min/Avg/Max in the current format, <see cref="Qty"/> in the legacy one.</summary>
public sealed record WorkoutHeartRateSample(DateTimeOffset Date, double? Min, double? Avg, double? Max, double? Qty, string? Units);
