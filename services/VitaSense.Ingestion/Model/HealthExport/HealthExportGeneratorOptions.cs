namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>Shape and size of a payload written by <see cref="HealthExportPayloadGenerator"/>.</summary>
public sealed record HealthExportGeneratorOptions
{
    /// <summary>Number of days covered.</summary>
    public int Days { get; init; } = 7;

    /// <summary>First day (local time, US Pacific). The default week spans the 2024-03-10 DST change.</summary>
    public DateOnly StartDate { get; init; } = new(2024, 3, 7);

    /// <summary>Heart-rate points per day; 1440 is one a minute, the density dominates the payload size.</summary>
    public int HeartRatePointsPerDay { get; init; } = 1440;

    /// <summary>Workouts per day, alternating current and legacy format.</summary>
    public int WorkoutsPerDay { get; init; } = 1;

    /// <summary>Route points per workout.</summary>
    public int RoutePointsPerWorkout { get; init; } = 120;

    /// <summary>Deliberately bad step_count points per day (a date the reader must reject).</summary>
    public int InvalidPointsPerDay { get; init; }

    /// <summary>Seed of the random values; the same options give the same bytes.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// Every metric of <see cref="MetricCatalog"/>, at least one point a day, some in the units a US phone writes (lb, mi, degF,
    /// fl_oz_us) or other sources use (mmol/L, kJ). When false only the original dozen metrics are written.
    /// </summary>
    public bool IncludeAllMetrics { get; init; } = true;

    /// <summary>Also write <c>stateOfMind</c>, <c>medications</c>, <c>symptoms</c>, <c>cycleTracking</c>, <c>ecg</c> and <c>heartRateNotifications</c>.</summary>
    public bool IncludeOtherCollections { get; init; } = true;

    /// <summary>Voltage samples per ECG (one ECG a day). A real 30-second recording at 512 Hz has 15360.</summary>
    public int EcgVoltageSamples { get; init; } = 512;

    /// <summary>
    /// Time-zone variety: every <see cref="TravelEveryDays"/> days the person spends <see cref="TravelDays"/> days in Europe/Berlin,
    /// starting at day <see cref="TravelStartDay"/> of the cycle, so offsets jump by 9 hours besides the DST changes. 0 days stays home.
    /// </summary>
    public int TravelDays { get; init; } = 2;

    /// <summary>Length of the travel cycle in days.</summary>
    public int TravelEveryDays { get; init; } = 30;

    /// <summary>First day abroad within each cycle (the default week's 5th and 6th day, after the US DST change).</summary>
    public int TravelStartDay { get; init; } = 4;
}
