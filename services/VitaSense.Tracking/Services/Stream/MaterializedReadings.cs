using VitaSense.Tracking.Infrastructure.Records;
using VitaSense.Tracking.Model.Activities;
using VitaSense.Tracking.Model.Sleep;

namespace VitaSense.Tracking.Services.Stream;

/// <summary>What one processed event becomes in the tracking tables.</summary>
public sealed class MaterializedReadings
{
    /// <summary>Rows for <c>tracking.metrics</c>.</summary>
    public List<DeviceMetric> Metrics { get; } = [];

    /// <summary>Rows for <c>tracking.heart_rate_samples</c>.</summary>
    public List<DeviceHeartRate> HeartRates { get; } = [];

    /// <summary>Nightly totals for <c>tracking.sleep_sessions</c>.</summary>
    public List<(SleepSession Session, string SourceRef)> SleepSessions { get; } = [];

    /// <summary>
    /// Sleep stage segments for <c>tracking.sleep_stage_segments</c>, in start order; the store turns them, with the
    /// segments of the same nights other events brought, into sleep sessions.
    /// </summary>
    public List<SleepStageSegment> SleepStageSegments { get; } = [];

    /// <summary>Rows for <c>tracking.activities</c>.</summary>
    public List<(Activity Activity, string SourceRef)> Activities { get; } = [];

    /// <summary>Points left out: interpolated, flagged unusable, or not readable as their kind of record.</summary>
    public int Skipped { get; set; }
}
