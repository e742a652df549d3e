namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>What <see cref="HealthExportPayloadGenerator"/> wrote: the counts a reader must find.</summary>
public sealed record GeneratedPayloadSummary(
    IReadOnlyDictionary<string, int> PointsByMetric,
    int Workouts,
    int LegacyWorkouts,
    int RoutePoints,
    int InvalidPoints,
    long Bytes)
{
    /// <summary>Valid metric points of every metric.</summary>
    public int TotalPoints => PointsByMetric.Values.Sum();

    /// <summary>Entries written per other collection, by canonical name (<see cref="HealthExportCollections"/>); absent when none.</summary>
    public IReadOnlyDictionary<string, int> RecordsByCollection { get; init; } = new Dictionary<string, int>();

    /// <summary>Voltage samples over all ECG entries.</summary>
    public int EcgVoltageSamples { get; init; }

    /// <summary>Entries of every other collection.</summary>
    public int TotalRecords => RecordsByCollection.Values.Sum();

    /// <summary>Days the payload's times are in Europe/Berlin rather than US Pacific.</summary>
    public int DaysAbroad { get; init; }
}
