namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// One entry of <c>workouts</c>, in either the current format (with <c>id</c>, Min/Avg/Max heart-rate samples)
/// or the legacy one (no <c>id</c>, <c>qty</c> heart-rate samples, lat/lon route points).
/// </summary>
public sealed class WorkoutItem : HealthExportItem
{
    /// <summary>The workout id; null in the legacy format.</summary>
    public string? Id { get; init; }

    /// <summary>True for the legacy format (no <c>id</c>).</summary>
    public bool IsLegacy => Id is null;

    /// <summary>Activity name, e.g. <c>Outdoor Run</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Start.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>End.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary><c>duration</c> in seconds, if given.</summary>
    public double? Duration { get; init; }

    /// <summary>Every <c>{qty, units}</c> property (e.g. <c>activeEnergyBurned</c>, <c>distance</c>, <c>heartRate.avg</c>).</summary>
    public IReadOnlyDictionary<string, WorkoutQuantity> Summaries { get; init; } = new Dictionary<string, WorkoutQuantity>();

    /// <summary>The <c>heartRateData</c> samples.</summary>
    public IReadOnlyList<WorkoutHeartRateSample> HeartRateData { get; init; } = [];

    /// <summary>The <c>route</c> points.</summary>
    public IReadOnlyList<RoutePoint> Route { get; init; } = [];

    /// <summary>Other scalar properties (e.g. <c>location</c>), as raw text.</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }
}
