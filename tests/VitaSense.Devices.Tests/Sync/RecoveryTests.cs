using VitaSense.Devices.Tests.Integrations;
using static VitaSense.Devices.Tests.DeviceTestData;
using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;

namespace VitaSense.Devices.Tests.Sync;

/// <summary>Replicas whose scheduler only runs its start-up round, so what fails a left-over sync is a replica starting.</summary>
public sealed class StartupOnlyFactory : IntegrationsFactory
{
    public StartupOnlyFactory() => SchedulerIntervalSeconds = 3600;
}

/// <summary>A sync left pending or running by a crashed replica is failed when a replica starts; a live replica's is left alone.</summary>
public sealed class RecoveryTests(StartupOnlyFactory factory) : IClassFixture<StartupOnlyFactory>
{
    [Fact]
    public async Task Syncs_left_running_by_a_crash_are_failed_when_a_replica_starts_and_a_live_one_is_not()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var crashed = await ConnectedDeviceAsync(client, "oura");
        var live = await ConnectedDeviceAsync(client, "dexcom");
        var database = factory.DatabaseConnectionString;
        var crashedSync = Guid.NewGuid();
        var liveSync = Guid.NewGuid();
        await ScalarAsync(database, """
            INSERT INTO devices.sync_history (sync_id, device_id, user_id, sync_type, status, start_time, heartbeat_at, runner)
            VALUES (@crashed, @crashedDevice, @user, 'manual', 'running', now() - interval '10 minutes', now() - interval '9 minutes', 'dead-replica'),
                   (@live, @liveDevice, @user, 'manual', 'running', now(), now(), 'live-replica');
            """, ("crashed", crashedSync), ("crashedDevice", crashed), ("user", user), ("live", liveSync), ("liveDevice", live));
        await ScalarAsync(database, "UPDATE devices.devices SET sync_status = 'running' WHERE device_id = @id", ("id", crashed));
        await Task.Delay(1000);
        Assert.Equal("running", await ScalarAsync(database, "SELECT status FROM devices.sync_history WHERE sync_id = @id", ("id", crashedSync)));

        await using var restarted = IntegrationsFactory.ReplicaOf(factory, scheduling: false, schedulerIntervalSeconds: 3600);
        await ((IAsyncLifetime)restarted).InitializeAsync();
        _ = restarted.Services;

        await WaitUntilAsync(async () => (string?)await ScalarAsync(database, "SELECT status FROM devices.sync_history WHERE sync_id = @id", ("id", crashedSync)) == "failed",
            "the crashed sync to be failed");
        Assert.Equal("interrupted", await ScalarAsync(database, "SELECT error_details ->> 'kind' FROM devices.sync_history WHERE sync_id = @id", ("id", crashedSync)));
        Assert.Equal("failed", await ScalarAsync(database, "SELECT sync_status FROM devices.devices WHERE device_id = @id", ("id", crashed)));
        Assert.Equal("running", await ScalarAsync(database, "SELECT status FROM devices.sync_history WHERE sync_id = @id", ("id", liveSync)));

        // The failed sync can be retried, and the device syncs again.
        var retry = await client.PostAsync($"/api/v1/sync/retry/{crashedSync}", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, retry.StatusCode);
        AssertCompleted(await WaitForSyncAsync(client, crashed, (await JsonAsync(retry)).GetProperty("sync_id").GetGuid()));
    }
}
