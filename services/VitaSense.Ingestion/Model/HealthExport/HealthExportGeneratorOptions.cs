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
}
