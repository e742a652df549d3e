extern alias agents;

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VitaSense.Agents.Agents;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.ServiceDefaults.Messaging.Consumers;
using VitaSense.TestSupport;
using static VitaSense.Agents.Tests.InsightsEvents;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary>
/// The sync monitor agent with a real Kafka: readings of two sources of one user in on <c>device-data-raw</c>, their
/// sync status read back from <c>sync-status</c>.
/// </summary>
[Collection(AgentsServiceCollection.Name)]
public sealed class SyncMonitorPipelineTests(ServiceFactory<AgentsProgram> factory) : AgentsServiceTests(factory)
{
    // The agent's group starts at the earliest offset: events produced before it is assigned are still read.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    protected override string? Consumer => "sync";

    [Fact]
    public async Task Status_has_a_sync_section_whose_counts_move()
    {
        var before = Sync(await AgentsStatus.GetAsync(Operator));
        var userId = NewId("user");
        var now = DateTimeOffset.UtcNow;

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, $"{userId}:Watch", Ingested(userId, "Watch", now.AddMinutes(-10), now.AddMinutes(-1), ingestionId: 1));

        // A first sync of a fresh source is announced healthy.
        var sync = Sync(await AgentsStatus.WaitForAsync(Operator,
            status => Sync(status).GetProperty("changes_published").GetInt64() > before.GetProperty("changes_published").GetInt64(), Timeout));
        Assert.Equal("agents-sync", sync.GetProperty("consumer_group").GetString());
        Assert.Equal("running", sync.GetProperty("state").GetString());
        Assert.True(sync.GetProperty("assigned_partitions").GetInt32() > 0);
        Assert.True(sync.GetProperty("tracked_users").GetInt32() >= 1);
        Assert.True(Count(sync, "consumed", Topics.DeviceDataRaw) > Count(before, "consumed", Topics.DeviceDataRaw));
        Assert.True(Count(sync, "produced", Topics.SyncStatus) > Count(before, "produced", Topics.SyncStatus));
        Assert.True(Count(sync, "changes_by_status", "healthy") > Count(before, "changes_by_status", "healthy"));
        Assert.Equal(JsonValueKind.String, sync.GetProperty("last_event_at").ValueKind);
    }

    [Fact]
    public async Task Health_reports_the_sync_monitor_and_degrades_while_it_is_stopped()
    {
        using var anonymous = Factory.CreateClient();
        var agent = Factory.Services.GetRequiredService<SyncMonitorAgent>();

        Assert.Equal("healthy", await SyncHealthAsync(anonymous));
        await agent.StopAsync(CancellationToken.None);
        try
        {
            Assert.Equal("degraded", await SyncHealthAsync(anonymous));
        }
        finally
        {
            await agent.StartAsync(CancellationToken.None);
        }
        await AgentsStatus.WaitForAsync(Operator, status => Sync(status).GetProperty("state").GetString() == "running", Timeout);
        Assert.Equal("healthy", await SyncHealthAsync(anonymous));
    }

    [Fact]
    public async Task A_late_sync_is_delayed_with_a_plan_and_an_overlapping_source_counts_a_conflict()
    {
        var userId = NewId("user");
        var now = DateTimeOffset.UtcNow;
        var late = Ingested(userId, "Watch", now.AddHours(-4), now.AddHours(-3), ingestionId: 1);
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, $"{userId}:Watch", late);

        var watchMessage = Assert.Single(await Kafka.ReadAsync(Topics.SyncStatus, $"{userId}:Watch", Timeout, found => found.Count >= 1));
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
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, $"{userId}:Band", Ingested(userId, "Band", now.AddHours(-3.5), now.AddMinutes(-1), ingestionId: 2));

        var bandMessage = Assert.Single(await Kafka.ReadAsync(Topics.SyncStatus, $"{userId}:Band", Timeout, found => found.Count >= 1));
        var band = CloudEventSerializer.Deserialize<SyncStatusChanged>(bandMessage.Message.Value);
        Assert.Equal("healthy", band.Data.Status);
        Assert.Equal(1, band.Data.Conflicts);
        Assert.Equal("none", band.Data.RecoveryPlan);
    }

    private static async Task<string?> SyncHealthAsync(HttpClient anonymous)
    {
        using var response = await anonymous.GetAsync("/agents/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return health.RootElement.GetProperty("checks").GetProperty("sync-consumer").GetProperty("status").GetString();
    }

    private static JsonElement Sync(JsonElement status) => status.GetProperty("sync");

    private static long Count(JsonElement section, string property, string key) =>
        section.GetProperty(property).TryGetProperty(key, out var count) ? count.GetInt64() : 0;

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
