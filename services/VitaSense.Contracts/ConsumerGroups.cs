namespace VitaSense.Contracts;

/// <summary>Kafka consumer group names. The engine creates each group's dead-letter topic from this list.</summary>
public static class ConsumerGroups
{
    /// <summary>The stream agents (data quality, calibration, anomalies).</summary>
    public const string Agents = "agents";

    /// <summary>The data quality agent: its own group so it keeps its place in the stream apart from the other agents.</summary>
    public const string AgentsQuality = "agents-quality";

    /// <summary>The calibration agent: its own group on <c>device-data-processed</c>.</summary>
    public const string AgentsCalibration = "agents-calibration";

    /// <summary>The agents' read side: records anomalies, quality issues and daily values for the query endpoints.</summary>
    public const string AgentsInsights = "agents-insights";

    /// <summary>The sync monitor agent: its own group on <c>device-data-raw</c>.</summary>
    public const string AgentsSync = "agents-sync";

    /// <summary>The ingestion service (the device → owner map, from device lifecycle events).</summary>
    public const string Ingestion = "ingestion";

    /// <summary>The devices service (device health from status reports, data arrival, anomalies and quality issues).</summary>
    public const string Devices = "devices";

    /// <summary>The tracking service (processed device data materialised into metrics, heart rate, sleep and activities).</summary>
    public const string Tracking = "tracking";

    /// <summary>The tracking service's insights (the user's anomalies, from device-anomalies).</summary>
    public const string TrackingInsights = "tracking-insights";

    /// <summary>Every consumer group of the platform.</summary>
    public static readonly IReadOnlyList<string> All = [Agents, AgentsQuality, AgentsCalibration, AgentsInsights, AgentsSync, Ingestion, Devices, Tracking, TrackingInsights];
}
