using VitaSense.Contracts;

namespace VitaSense.Tracking.Services.Analytics;

/// <summary>Settings of the anomalies consumer (section <c>Tracking:Anomalies</c>).</summary>
public sealed class AnomalyConsumerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Tracking:Anomalies";

    /// <summary>The consumer group reading <c>device-anomalies</c>.</summary>
    public string ConsumerGroup { get; set; } = ConsumerGroups.TrackingInsights;
}
