namespace VitaSense.Ingestion.Benchmarks;

/// <summary>The targets of issue 3, section 5.</summary>
public static class Targets
{
    /// <summary>Points per second of a first sync, request start to commit.</summary>
    public const double PointsPerSecond = 200_000;

    /// <summary>Peak resident memory of the service.</summary>
    public const double PeakMegabytes = 300;

    /// <summary>Share of the bare COPY's rate the sync must reach.</summary>
    public const double CopyRatio = 0.5;
}
