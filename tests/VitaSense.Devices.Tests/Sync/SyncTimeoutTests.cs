using VitaSense.Devices.Tests.Integrations;
using static VitaSense.Devices.Tests.DeviceTestData;
using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;

namespace VitaSense.Devices.Tests.Sync;

/// <summary>Short timeouts and no retries, so a slow vendor shows each limit.</summary>
public sealed class ImpatientFactory : IntegrationsFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Integrations:VendorCallTimeoutSeconds"] = "1";
        settings["Integrations:SyncTimeoutSeconds"] = "3";
        settings["Integrations:VendorMaxRetries"] = "0";
        settings["Integrations:MaxSyncRetries"] = "0";
    }
}

/// <summary>A vendor call that hangs is cut by the per-call timeout; a sync that takes too long is cut by the sync timeout. Neither stays running.</summary>
public sealed class SyncTimeoutTests(ImpatientFactory factory) : IClassFixture<ImpatientFactory>
{
    [Fact]
    public async Task A_hanging_vendor_call_times_out_and_fails_the_sync_as_unavailable()
    {
        var client = ClientFor(factory, NewUser());
        var device = await ConnectedDeviceAsync(client, "dexcom");
        factory.Vendors["dexcom"].Delay = TimeSpan.FromSeconds(2);
        try
        {
            var sync = await SyncAsync(client, device);

            AssertFailed(sync, "unavailable");
            Assert.True(sync.GetProperty("duration_seconds").GetDouble() < 2.5, $"the call was not cut at 1 s: {sync}");
            Assert.Empty(factory.Ingestion.Of(device));
        }
        finally
        {
            factory.Vendors["dexcom"].Delay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_sync_running_past_its_timeout_is_failed_as_timed_out_with_nothing_written()
    {
        var client = ClientFor(factory, NewUser());
        var device = await ConnectedDeviceAsync(client, "fitbit");
        // Each call is within the per-call timeout, but a first Fitbit sync makes dozens of them.
        factory.Vendors["fitbit"].Delay = TimeSpan.FromMilliseconds(300);
        try
        {
            var sync = await SyncAsync(client, device);

            AssertFailed(sync, "timeout");
            Assert.InRange(sync.GetProperty("duration_seconds").GetDouble(), 2.9, 6);
            Assert.Empty(factory.Ingestion.Of(device));
            Assert.Equal(0, await CountAsync(factory.DatabaseConnectionString, "SELECT count(*) FROM devices.sync_cursors WHERE device_id = @id", ("id", device)));
        }
        finally
        {
            factory.Vendors["fitbit"].Delay = TimeSpan.Zero;
        }
    }
}
