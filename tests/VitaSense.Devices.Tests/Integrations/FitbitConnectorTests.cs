using static VitaSense.Devices.Tests.DeviceTestData;
using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;
using static VitaSense.Devices.Tests.Integrations.VendorPayloads;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>Fitbit Web API against its fake: intraday heart rate, sleep v1.2 stages, daily activity summary, rate-limit headers.</summary>
public sealed class FitbitConnectorTests(IntegrationsFactory factory) : ConnectorTests(factory), IClassFixture<IntegrationsFactory>
{
    protected override string Vendor => "fitbit";

    protected override string DataPath => FitbitHeartPath;

    protected override string LastDataPath => "/1/user/-/activities/date/";

    [Fact]
    public async Task Heart_rate_sleep_stages_and_daily_activity_are_mapped_in_the_users_offset_and_canonical_units()
    {
        var (user, client, device) = await ConnectedDeviceAsync();

        var sync = await SyncAsync(client, device);

        AssertCompleted(sync);
        Assert.Equal(61, Reading(device, "heart_rate", At($"{D}T08:00:00+01:00")).Value.GetDouble());
        Assert.Equal(63, Reading(device, "heart_rate", At($"{D}T08:02:00+01:00")).Value.GetDouble());
        Assert.Equal("count/min", Reading(device, "heart_rate", At($"{D}T08:01:00+01:00")).Unit);
        Assert.Equal(user, Reading(device, "heart_rate", At($"{D}T08:01:00+01:00")).User);
        Assert.Equal(58, Reading(device, "resting_heart_rate", At($"{D}T00:00:00+01:00")).Value.GetDouble());

        var sleep = Reading(device, "sleep_analysis", At($"{Before}T23:30:00+01:00"));
        Assert.Equal((7.0, "hr"), (sleep.Value.GetDouble(), sleep.Unit));
        Assert.Equal(10, Reading(device, "sleep_stage_awake", At($"{Before}T23:30:00+01:00")).Value.GetDouble());
        Assert.Equal(60, Reading(device, "sleep_stage_light", At($"{Before}T23:40:00+01:00")).Value.GetDouble());
        Assert.Equal(90, Reading(device, "sleep_stage_deep", At($"{D}T00:40:00+01:00")).Value.GetDouble());
        Assert.Equal((40.0, "min"), (Reading(device, "sleep_stage_rem", At($"{D}T02:10:00+01:00")).Value.GetDouble(), "min"));

        var day = At($"{D}T00:00:00+01:00");
        Assert.Equal((8432.0, "count"), (Reading(device, "step_count", day).Value.GetDouble(), Reading(device, "step_count", day).Unit));
        Assert.Equal((6.21, "km"), (Reading(device, "walking_running_distance", day).Value.GetDouble(), Reading(device, "walking_running_distance", day).Unit));
        Assert.Equal((512.0, "kcal"), (Reading(device, "active_energy", day).Value.GetDouble(), Reading(device, "active_energy", day).Unit));
        // Today is not complete: its activity summary is left for a later sync.
        Assert.DoesNotContain(Factory.Ingestion.Of(device, "step_count"), r => r.Key.Timestamp > day.AddDays(1));
        Assert.Equal(3, await CountAsync(Factory.DatabaseConnectionString, "SELECT count(*) FROM devices.sync_cursors WHERE device_id = @device", ("device", device)));
        Assert.Equal(sync.GetProperty("records_processed").GetInt32(), sync.GetProperty("records_synced").GetInt32());
    }

    [Fact]
    public async Task A_second_sync_asks_only_from_the_cursor_and_adds_nothing()
    {
        var (_, client, device) = await ConnectedDeviceAsync();
        AssertCompleted(await SyncAsync(client, device));
        var stored = Factory.Ingestion.Of(device).Count;
        Server.ClearRequests();

        var second = await SyncAsync(client, device);

        AssertCompleted(second);
        // One day of intraday heart rate (today), not the 31 of the first sync; no completed activity day to fetch again.
        Assert.InRange(Server.RequestsTo(FitbitHeartPath).Count, 1, 2);
        Assert.Empty(Server.RequestsTo("/1/user/-/activities/date/"));
        Assert.Equal(stored, Factory.Ingestion.Of(device).Count);
    }

    [Fact]
    public async Task Exhausted_rate_limit_headers_make_the_next_call_wait_for_the_reset()
    {
        var (_, client, device) = await ConnectedDeviceAsync();
        Server.ClearRequests();
        Server.Inject("/1/user/-/profile.json", 200, """{"user": {"encodedId": "FB123", "offsetFromUTCMillis": 3600000}}""",
            new Dictionary<string, string> { ["Fitbit-Rate-Limit-Limit"] = "150", ["Fitbit-Rate-Limit-Remaining"] = "0", ["Fitbit-Rate-Limit-Reset"] = "1" });

        var sync = await SyncAsync(client, device);

        AssertCompleted(sync);
        var requests = Server.Requests.ToList();
        var profile = requests.First(r => r.Path == "/1/user/-/profile.json");
        var next = requests.First(r => r.At > profile.At && r.Path != "/1/user/-/profile.json");
        Assert.True(next.At - profile.At >= TimeSpan.FromMilliseconds(900), $"the next call came {(next.At - profile.At).TotalMilliseconds} ms after the limit was reached");
    }
}
