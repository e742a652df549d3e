using System.Collections.Frozen;

namespace VitaSense.Agents.Quality;

/// <summary>
/// Physiological ranges and scoring hints of the common metrics, in ingestion's canonical units. Tighter than
/// ingestion's catalogue (which bounds what a device can send): these bound what a living person can measure.
/// A metric missing here, or sent in another unit than its profile's (ingestion converts the metrics it knows, so
/// that is a metric it did not), gets no range check and no outlier flag, only a score.
/// </summary>
public static class MetricProfiles
{
    /// <summary>The heart rate metric: dense, and compared across a user's devices.</summary>
    public const string HeartRate = "heart_rate";

    private static readonly FrozenDictionary<string, MetricProfile> Profiles = new Dictionary<string, MetricProfile>(StringComparer.Ordinal)
    {
        // A beating heart's rate moves by a beat or more within minutes, even asleep; half an hour to the beat is a stuck sensor.
        [HeartRate] = new("count/min", new(25, 240), MinSpread: 3, Dense: true, FlatlineAfter: TimeSpan.FromMinutes(30)),
        ["resting_heart_rate"] = new("count/min", new(25, 150), MinSpread: 2),
        ["walking_heart_rate_average"] = new("count/min", new(30, 220), MinSpread: 3),
        ["heart_rate_variability"] = new("ms", new(1, 300), MinSpread: 5),
        ["blood_glucose"] = new("mg/dL", new(20, 600), MinSpread: 5),
        ["weight_body_mass"] = new("kg", new(2, 400), MinSpread: 0.3),
        ["body_mass_index"] = new("count", new(8, 100), MinSpread: 0.2),
        ["body_fat_percentage"] = new("%", new(2, 75), MinSpread: 0.5),
        ["body_temperature"] = new("degC", new(30, 44), MinSpread: 0.15),
        ["basal_body_temperature"] = new("degC", new(33, 40), MinSpread: 0.1),
        ["blood_oxygen_saturation"] = new("%", new(50, 100), MinSpread: 1),
        ["respiratory_rate"] = new("count/min", new(4, 60), MinSpread: 1),
        ["vo2_max"] = new("ml/(kg·min)", new(5, 95), MinSpread: 1),
        ["sleep_analysis"] = new("hr", new(0, 24), MinSpread: 0.5, FlagsOutliers: false),
        ["step_count"] = new("count", new(0, 100_000), MinSpread: 1, FlagsOutliers: false),
        ["blood_pressure"] = new("mmHg", null, MinSpread: 3, Components: new Dictionary<string, ValueRange>(StringComparer.Ordinal)
        {
            ["systolic"] = new(50, 260),
            ["diastolic"] = new(25, 160),
        }),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The profile of <paramref name="metric"/>, or null for a metric without one.</summary>
    public static MetricProfile? Find(string metric) => Profiles.GetValueOrDefault(metric);

    /// <summary>
    /// The profile of <paramref name="metric"/> if its readings are in the profile's unit (or name none), otherwise null:
    /// ranges in one unit would misjudge values in another.
    /// </summary>
    public static MetricProfile? Find(string metric, string? unit) =>
        Find(metric) is { } profile && (unit is null || string.Equals(unit, profile.Unit, StringComparison.Ordinal)) ? profile : null;
}
