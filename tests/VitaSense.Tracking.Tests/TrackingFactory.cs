extern alias tracking;
using VitaSense.TestSupport;
using TrackingProgram = tracking::Program;

namespace VitaSense.Tracking.Tests;

/// <summary>
/// The tracking service with its own database and the shared Redis and Kafka; observation partitions for two past
/// months rather than 24, which would cost every test class seconds.
/// </summary>
public class TrackingFactory : ServiceFactory<TrackingProgram>
{
    /// <inheritdoc />
    protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings["Tracking:PartitionMonthsBehind"] = "2";
}
