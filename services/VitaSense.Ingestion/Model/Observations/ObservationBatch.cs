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

    /// <summary>Empties every list, keeping its capacity for the next batch.</summary>
    public void Clear()
    {
        Quantities.Clear();
        HeartRates.Clear();
        BloodPressures.Clear();
        BloodGlucose.Clear();
        SleepStages.Clear();
        SleepSessions.Clear();
        Workouts.Clear();
        WorkoutHeartRates.Clear();
        WorkoutRoutes.Clear();
        Ecgs.Clear();
        Symptoms.Clear();
        HealthRecords.Clear();
    }

    /// <summary>Every stream the rows point at, each once.</summary>
    public IReadOnlyCollection<StreamRef> Streams()
    {
        var streams = new HashSet<StreamRef>();
        // Consecutive rows nearly always share their stream: comparing with the previous one skips most hashing.
        void Collect<TRow>(List<TRow> rows, Func<TRow, StreamRef> stream)
        {
            StreamRef? previous = null;
            foreach (var row in rows)
            {
                var current = stream(row);
                if (!ReferenceEquals(current, previous))
                {
                    streams.Add(current);
                    previous = current;
                }
            }
        }

        Collect(Quantities, r => r.Stream);
        Collect(HeartRates, r => r.Stream);
        Collect(BloodPressures, r => r.Stream);
        Collect(BloodGlucose, r => r.Stream);
        Collect(SleepStages, r => r.Stream);
        Collect(SleepSessions, r => r.Stream);
        Collect(Workouts, r => r.Stream);
        Collect(Ecgs, r => r.Stream);
        Collect(Symptoms, r => r.Stream);
        Collect(HealthRecords, r => r.Stream);
        return streams;
    }
}
