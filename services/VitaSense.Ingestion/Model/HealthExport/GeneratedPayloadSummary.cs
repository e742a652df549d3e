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
}
