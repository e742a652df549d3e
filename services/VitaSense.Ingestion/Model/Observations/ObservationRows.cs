using VitaSense.Ingestion.Model.HealthExport;

namespace VitaSense.Ingestion.Model.Observations;

// The row shapes of the observation tables, one record per table; kept together because each is one line
// mirroring its table in Infrastructure/Migrations/0003_observations.sql.

/// <summary>A reading of a metric with one number (<c>ingestion.quantity_observations</c>).</summary>
public readonly record struct QuantityRow(StreamRef Stream, DateTimeOffset ObservedAt, double Value, double? OriginalValue, string? OriginalUnit, string? Quality, string? Context);

/// <summary>A heart-rate reading (<c>ingestion.heart_rate_observations</c>), count/min.</summary>
public readonly record struct HeartRateRow(StreamRef Stream, DateTimeOffset ObservedAt, double? Min, double Avg, double? Max, string? Quality, string? Context);

/// <summary>A blood-pressure reading in mmHg (<c>ingestion.blood_pressure_observations</c>).</summary>
public readonly record struct BloodPressureRow(StreamRef Stream, DateTimeOffset ObservedAt, double Systolic, double Diastolic, string? Quality);

/// <summary>A blood-glucose reading in mg/dL (<c>ingestion.blood_glucose_observations</c>).</summary>
public readonly record struct BloodGlucoseRow(StreamRef Stream, DateTimeOffset ObservedAt, double Value, double? OriginalValue, string? OriginalUnit, string? MealTime, string? Quality);

/// <summary>One stage segment of unaggregated sleep (<c>ingestion.sleep_stages</c>).</summary>
public readonly record struct SleepStageRow(StreamRef Stream, DateTimeOffset Start, DateTimeOffset End, string Stage);

/// <summary>A night of aggregated sleep, durations in hours (<c>ingestion.sleep_sessions</c>).</summary>
public readonly record struct SleepSessionRow(StreamRef Stream, DateTimeOffset ObservedAt, SleepSummary Sleep);

/// <summary>A workout (<c>ingestion.workouts</c>); its samples and route go in their own rows.</summary>
public readonly record struct WorkoutRow(StreamRef Stream, string Key, WorkoutItem Workout, string SummariesJson, string? ExtraJson);

/// <summary>A heart-rate sample of a workout (<c>ingestion.workout_heart_rate</c>).</summary>
public readonly record struct WorkoutHeartRateRow(StreamRef Stream, string Key, DateTimeOffset ObservedAt, double? Min, double? Avg, double? Max);

/// <summary>A route point of a workout (<c>ingestion.workout_route</c>).</summary>
public readonly record struct WorkoutRouteRow(StreamRef Stream, string Key, int Seq, RoutePoint Point);

/// <summary>An ECG recording with its voltage samples in volts (<c>ingestion.ecg_recordings</c>).</summary>
public readonly record struct EcgRow(StreamRef Stream, DateTimeOffset Start, DateTimeOffset? End, string? Classification, double? AverageHeartRate, double? SamplingFrequency, float[] Voltages);

/// <summary>A logged symptom (<c>ingestion.symptoms</c>).</summary>
public readonly record struct SymptomRow(StreamRef Stream, string Name, DateTimeOffset Start, DateTimeOffset? End, string? Severity, bool? UserEntered);

/// <summary>A record kept whole as JSON: state of mind, medications, cycle tracking... (<c>ingestion.health_records</c>).</summary>
public readonly record struct HealthRecordRow(StreamRef Stream, DateTimeOffset Start, DateTimeOffset? End, string? Name, string RecordKey, string Json);
