using VitaSense.Tracking.Infrastructure.Records;

namespace VitaSense.Tracking.Apis;

/// <summary>What the records endpoints need, bundled for <c>[AsParameters]</c>.</summary>
/// <param name="Profiles">Profiles.</param>
/// <param name="Activities">Activities.</param>
/// <param name="Metrics">Metrics.</param>
/// <param name="HeartRate">Heart-rate samples.</param>
/// <param name="Sleep">Sleep sessions.</param>
/// <param name="Time">The clock.</param>
public sealed record RecordsServices(
    ProfileStore Profiles,
    ActivityStore Activities,
    MetricStore Metrics,
    HeartRateStore HeartRate,
    SleepStore Sleep,
    TimeProvider Time);
