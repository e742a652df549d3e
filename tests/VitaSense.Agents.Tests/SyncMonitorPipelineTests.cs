extern alias agents;

using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.ServiceDefaults.Messaging.Consumers;
using VitaSense.TestSupport;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary>
/// The sync monitor agent with a real Kafka: readings of two sources of one user in on <c>device-data-raw</c>, their
/// sync status read back from <c>sync-status</c>.
/// </summary>
[Collection(AgentsServiceCollection.Name)]
public sealed class SyncMonitorPipelineTests(ServiceFactory<AgentsProgram> factory) : IAsyncLifetime
{
    // The agent's group starts at the earliest offset: events produced before it is assigned are still read.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private KafkaTestClient kafka = null!;

    public Task InitializeAsync()
    {
        kafka = new KafkaTestClient(factory.Infrastructure.KafkaBootstrapServers);
        // Starts the service, and with it the agents.
        factory.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        kafka.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_late_sync_is_delayed_with_a_plan_and_an_overlapping_source_counts_a_conflict()
    {
        var userId = "user-" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        var late = Ingested(userId, "Watch", now.AddHours(-4), now.AddHours(-3), ingestionId: 1);
        await kafka.ProduceAsync(Topics.DeviceDataRaw, $"{userId}:Watch", late);

        var watchMessage = Assert.Single(await kafka.ReadAsync(Topics.SyncStatus, $"{userId}:Watch", Timeout, found => found.Count >= 1));
        var watch = CloudEventSerializer.Deserialize<SyncStatusChanged>(watchMessage.Message.Value);
        Assert.Equal(EventTypes.SyncStatusChanged, watch.Type);
        Assert.Equal(userId, watch.Data.UserId);
        Assert.Equal("Watch", watch.Data.Source);
        Assert.Equal("delayed", watch.Data.Status);
        Assert.InRange(watch.Data.LatencySeconds, 3 * 3600, 3 * 3600 + 60);
        Assert.Equal(0, watch.Data.Conflicts);
        Assert.Contains("after they are measured", watch.Data.RecoveryPlan);
        Assert.Equal(DerivedEventId.Create("sync", userId, "Watch", "delayed", watch.Data.LastSyncAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)), watch.Id);

        // A second source with readings over the same hour, arriving fresh.
        await kafka.ProduceAsync(Topics.DeviceDataRaw, $"{userId}:Band", Ingested(userId, "Band", now.AddHours(-3.5), now.AddMinutes(-1), ingestionId: 2));

        var bandMessage = Assert.Single(await kafka.ReadAsync(Topics.SyncStatus, $"{userId}:Band", Timeout, found => found.Count >= 1));
        var band = CloudEventSerializer.Deserialize<SyncStatusChanged>(bandMessage.Message.Value);
        Assert.Equal("healthy", band.Data.Status);
        Assert.Equal(1, band.Data.Conflicts);
        Assert.Equal("none", band.Data.RecoveryPlan);
    }

    private static CloudEvent<ObservationsIngested> Ingested(string userId, string source, DateTimeOffset from, DateTimeOffset to, long ingestionId) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Type = EventTypes.ObservationsIngested,
        Source = "/ingestion",
        Subject = source,
        Time = to,
        Data = new ObservationsIngested
        {
            UserId = userId,
            Metric = "heart_rate",
            Source = source,
            Unit = "count/min",
            Origin = "health_export",
            IngestionId = ingestionId,
            Observations = [new ObservationPoint { Timestamp = from, Value = 64 }, new ObservationPoint { Timestamp = to, Value = 66 }],
        },
    };
}
