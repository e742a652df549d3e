namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>A <c>{qty, units}</c> summary of a workout.</summary>
public readonly record struct WorkoutQuantity(double Qty, string? Units);
