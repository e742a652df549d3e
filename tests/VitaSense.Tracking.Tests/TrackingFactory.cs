extern alias tracking;
using VitaSense.TestSupport;
using TrackingProgram = tracking::Program;

namespace VitaSense.Tracking.Tests;

/// <summary>
/// The tracking service with its own database and the shared Redis and Kafka; observation partitions for two past
/// months rather than 24, which would cost every test class seconds. Each factory reads the processed stream in a
/// consumer group of its own: sharing one, the factories of parallel test classes would split the topic's partitions
/// between them and each would miss events.
/// </summary>
public class TrackingFactory : ServiceFactory<TrackingProgram>
{
    /// <summary>This factory's consumer group on the processed device stream.</summary>
    public string StreamConsumerGroup { get; } = $"tracking-test-{Guid.NewGuid():N}";

    /// <inheritdoc />
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Tracking:PartitionMonthsBehind"] = "2";
        settings["Tracking:StreamConsumerGroup"] = StreamConsumerGroup;
    }
}
