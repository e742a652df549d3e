using Microsoft.Extensions.DependencyInjection;
using VitaSense.Devices.Services.Sync;
using VitaSense.Devices.Tests.Integrations;
using static VitaSense.Devices.Tests.DeviceTestData;
using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;

namespace VitaSense.Devices.Tests.Sync;

/// <summary>The scheduler with a quick round, for automatic syncs.</summary>
public sealed class SchedulingFactory : IntegrationsFactory
{
    public SchedulingFactory()
    {
        Scheduling = true;
        SchedulerBatchSize = 3;
    }
}

/// <summary>
/// Automatic syncs: due devices are synced by the scheduler with incremental cursors, and with two replicas on one
/// database every due device is claimed by exactly one of them.
/// </summary>
public sealed class SchedulerTests(SchedulingFactory factory) : IClassFixture<SchedulingFactory>
{
    private string Database => factory.DatabaseConnectionString;

    /// <summary>Adds devices of the user's connected vendor, not yet due.</summary>
    private async Task<List<Guid>> AddDevicesAsync(string user, string vendor, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            await ScalarAsync(Database, """
                INSERT INTO devices.devices (device_id, user_id, device_type, device_name, integration_type, vendor, vendor_device_id, sync_settings,
                    status, sync_status, next_sync, created_at, updated_at)
                VALUES (@id, @user, 'smart_ring', 'Ring', 'api', @vendor, @vendorId,
                    '{"auto_sync": true, "sync_interval_minutes": 15, "sync_historical_days": 2}'::jsonb, 'registered', 'pending', now() + interval '1 day', now(), now())
                """, ("id", id), ("user", user), ("vendor", vendor), ("vendorId", $"ring-{id:N}"));
            ids.Add(id);
        }
        return ids;
    }

    private Task MakeDueAsync(Guid device) =>
        ScalarAsync(Database, "UPDATE devices.devices SET next_sync = now() - interval '1 minute' WHERE device_id = @id", ("id", device));

    private Task WaitForAutomaticSyncAsync(Guid device) =>
        WaitUntilAsync(async () => await CountAsync(Database,
            "SELECT count(*) FROM devices.sync_history WHERE device_id = @id AND sync_type = 'automatic' AND status = 'completed'", ("id", device)) == 1,
            $"the automatic sync of {device}");

    [Fact]
    public async Task A_due_device_is_synced_automatically_and_its_next_sync_moves_one_interval_ahead()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        await ConnectAsync(client, "oura");
        var device = (await AddDevicesAsync(user, "oura", 1))[0];

        await MakeDueAsync(device);

        await WaitForAutomaticSyncAsync(device);
        var minutes = Convert.ToDouble(await ScalarAsync(Database, "SELECT extract(epoch FROM next_sync - now()) / 60 FROM devices.devices WHERE device_id = @id", ("id", device)));
        Assert.InRange(minutes, 14, 15 * 1.1 + 0.1);
        Assert.NotEmpty(factory.Ingestion.Of(device));
        Assert.Equal(3, await CountAsync(Database, "SELECT count(*) FROM devices.sync_cursors WHERE device_id = @id", ("id", device)));
    }

    [Fact]
    public async Task A_due_device_of_a_disconnected_vendor_is_not_synced_until_the_account_is_connected_again()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        await ConnectAsync(client, "oura");
        var device = (await AddDevicesAsync(user, "oura", 1))[0];
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/integrations/oura")).StatusCode);

        await MakeDueAsync(device);
        // Several scheduler rounds go by without claiming it.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await CountAsync(Database, "SELECT count(*) FROM devices.sync_history WHERE device_id = @id", ("id", device)));

        await ConnectAsync(client, "oura");
        await WaitForAutomaticSyncAsync(device);
    }

    [Fact]
    public async Task Two_replicas_claim_each_due_device_once()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        await ConnectAsync(client, "oura");
        var devices = await AddDevicesAsync(user, "oura", 12);
        await using var replica = IntegrationsFactory.ReplicaOf(factory, scheduling: true, schedulerIntervalSeconds: 0.5, schedulerBatchSize: 3);
        await ((IAsyncLifetime)replica).InitializeAsync();
        _ = replica.Services;
        factory.Vendors["oura"].Delay = TimeSpan.FromMilliseconds(100);
        try
        {
            // Both replicas' schedulers race for the same devices, and their rounds are called concurrently on top.
            await ScalarAsync(Database, "UPDATE devices.devices SET next_sync = now() - interval '1 minute' WHERE device_id = ANY(@ids)", ("ids", devices.ToArray()));
            var rounds = Enumerable.Range(0, 10).SelectMany(_ => new[] { factory, replica })
                .Select(f => f.Services.GetRequiredService<SyncScheduler>().RunOnceAsync(CancellationToken.None));
            await Task.WhenAll(rounds);

            await WaitUntilAsync(async () => await CountAsync(Database,
                "SELECT count(*) FROM devices.sync_history WHERE device_id = ANY(@ids) AND status IN ('completed', 'failed')", ("ids", devices.ToArray())) == devices.Count,
                "every device's automatic sync");
            Assert.Equal("", await ScalarAsync(Database,
                "SELECT coalesce(string_agg(DISTINCT error_message, '; '), '') FROM devices.sync_history WHERE device_id = ANY(@ids) AND status = 'failed'", ("ids", devices.ToArray())));
            await Task.Delay(1500);
            Assert.Equal(devices.Count, await CountAsync(Database, "SELECT count(*) FROM devices.sync_history WHERE device_id = ANY(@ids)", ("ids", devices.ToArray())));
            Assert.Equal(devices.Count, await CountAsync(Database,
                "SELECT count(DISTINCT device_id) FROM devices.sync_history WHERE device_id = ANY(@ids) AND sync_type = 'automatic'", ("ids", devices.ToArray())));
        }
        finally
        {
            factory.Vendors["oura"].Delay = TimeSpan.Zero;
        }
    }
}
