using Microsoft.Extensions.DependencyInjection;
using VitaSense.ServiceDefaults.Data;

namespace VitaSense.Tracking.Tests.Analytics;

/// <summary>
/// The tracking service for the goals and analytics tests: goals re-evaluated every second, and an anomalies consumer
/// group of its own, so other test classes' services (sharing the Kafka cluster) do not take its partitions.
/// </summary>
public class InsightsFactory : TrackingFactory
{
    /// <summary>This factory's anomalies consumer group.</summary>
    public string AnomalyGroup { get; } = $"tracking-insights-tests-{Guid.NewGuid():N}";

    /// <summary>Starts the service, waits for its migrations and returns its database, ready for rows inserted with SQL.</summary>
    public async Task<string> ReadyDatabaseAsync()
    {
        await Services.GetRequiredService<SchemaReadiness>().WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        return DatabaseConnectionString;
    }

    /// <inheritdoc />
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Tracking:Goals:EvaluationInterval"] = "00:00:01";
        settings["Tracking:Anomalies:ConsumerGroup"] = AnomalyGroup;
    }
}
