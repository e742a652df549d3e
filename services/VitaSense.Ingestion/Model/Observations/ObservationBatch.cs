namespace VitaSense.Ingestion.Model.Observations;

/// <summary>Rows for every observation table, committed together in one transaction.</summary>
public sealed class ObservationBatch
{
    /// <summary>Rows of <c>quantity_observations</c>.</summary>
    public List<QuantityRow> Quantities { get; } = [];

    /// <summary>Rows of <c>heart_rate_observations</c>.</summary>
    public List<HeartRateRow> HeartRates { get; } = [];

    /// <summary>Rows of <c>blood_pressure_observations</c>.</summary>
    public List<BloodPressureRow> BloodPressures { get; } = [];

    /// <summary>Rows of <c>blood_glucose_observations</c>.</summary>
    public List<BloodGlucoseRow> BloodGlucose { get; } = [];

    /// <summary>Rows of <c>sleep_stages</c>.</summary>
    public List<SleepStageRow> SleepStages { get; } = [];

    /// <summary>Rows of <c>sleep_sessions</c>.</summary>
    public List<SleepSessionRow> SleepSessions { get; } = [];

    /// <summary>Rows of <c>workouts</c>.</summary>
    public List<WorkoutRow> Workouts { get; } = [];

    /// <summary>Rows of <c>workout_heart_rate</c>.</summary>
    public List<WorkoutHeartRateRow> WorkoutHeartRates { get; } = [];

    /// <summary>Rows of <c>workout_route</c>.</summary>
    public List<WorkoutRouteRow> WorkoutRoutes { get; } = [];

    /// <summary>Rows of <c>ecg_recordings</c>.</summary>
    public List<EcgRow> Ecgs { get; } = [];

    /// <summary>Rows of <c>symptoms</c>.</summary>
    public List<SymptomRow> Symptoms { get; } = [];

    /// <summary>Rows of <c>health_records</c>.</summary>
    public List<HealthRecordRow> HealthRecords { get; } = [];

    /// <summary>Rows of every table, the size that decides when a batch is full.</summary>
    public int Count => Quantities.Count + HeartRates.Count + BloodPressures.Count + BloodGlucose.Count + SleepStages.Count
        + SleepSessions.Count + Workouts.Count + WorkoutHeartRates.Count + WorkoutRoutes.Count + Ecgs.Count + Symptoms.Count
        + HealthRecords.Count;

    /// <summary>Every stream the rows point at, each once.</summary>
    public IEnumerable<StreamRef> Streams() =>
        Quantities.Select(r => r.Stream)
            .Concat(HeartRates.Select(r => r.Stream))
            .Concat(BloodPressures.Select(r => r.Stream))
            .Concat(BloodGlucose.Select(r => r.Stream))
            .Concat(SleepStages.Select(r => r.Stream))
            .Concat(SleepSessions.Select(r => r.Stream))
            .Concat(Workouts.Select(r => r.Stream))
            .Concat(Ecgs.Select(r => r.Stream))
            .Concat(Symptoms.Select(r => r.Stream))
            .Concat(HealthRecords.Select(r => r.Stream))
            .Distinct();
}
