using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VitaSense.ServiceDefaults.Messaging;

/// <summary>Traces and metrics of Kafka publishing and consuming (Confluent.Kafka emits none of its own).</summary>
public static class MessagingTelemetry
{
    /// <summary>Name of the activity source for produce and consume spans.</summary>
    public const string ActivitySourceName = "VitaSense.Messaging";

    /// <summary>Name of the meter for message counters.</summary>
    public const string MeterName = "VitaSense.Messaging";

    /// <summary>Source of produce and consume spans.</summary>
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Messages published, tagged by topic.</summary>
    public static readonly Counter<long> MessagesPublished = Meter.CreateCounter<long>("vitasense.messaging.published", "{message}");

    /// <summary>Messages consumed, tagged by topic.</summary>
    public static readonly Counter<long> MessagesConsumed = Meter.CreateCounter<long>("vitasense.messaging.consumed", "{message}");
}
