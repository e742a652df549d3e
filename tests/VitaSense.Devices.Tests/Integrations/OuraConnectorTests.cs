using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;
using static VitaSense.Devices.Tests.Integrations.VendorPayloads;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>Oura API v2 against its fake: heartrate (paged with next_token), daily_sleep, sleep periods.</summary>
public sealed class OuraConnectorTests(IntegrationsFactory factory) : ConnectorTests(factory), IClassFixture<IntegrationsFactory>
{
    protected override string Vendor => "oura";

    protected override string DataPath => OuraHeartPath;

    protected override string LastDataPath => "/v2/usercollection/sleep";

    [Fact]
    public async Task Heart_rate_pages_daily_sleep_and_sleep_periods_are_mapped()
    {
        var (_, client, device) = await ConnectedDeviceAsync();
        Server.ClearRequests();

        var sync = await SyncAsync(client, device);

        AssertCompleted(sync);
        var heartCalls = Server.RequestsTo(OuraHeartPath);
        Assert.Equal(2, heartCalls.Count);
        Assert.Contains("next_token=page-2", heartCalls[1].Query);
        Assert.Equal(3, Factory.Ingestion.Of(device, "heart_rate").Count);
        var resting = Reading(device, "heart_rate", At($"{D}T03:00:00+00:00"));
        Assert.Equal((55.0, "count/min", "rest"), (resting.Value.GetDouble(), resting.Unit, resting.Quality));
        Assert.Equal(60, Reading(device, "heart_rate", At($"{D}T09:00:00+00:00")).Value.GetDouble());

        Assert.Equal(82, Reading(device, "sleep_score", At($"{D}T00:00:00+00:00")).Value.GetDouble());

        var start = At($"{Before}T23:10:00+02:00");
        Assert.Equal((7.0, "hr"), (Reading(device, "sleep_analysis", start).Value.GetDouble(), Reading(device, "sleep_analysis", start).Unit));
        Assert.Equal(90, Reading(device, "sleep_stage_deep", start).Value.GetDouble());
        Assert.Equal(240, Reading(device, "sleep_stage_light", start).Value.GetDouble());
        Assert.Equal(90, Reading(device, "sleep_stage_rem", start).Value.GetDouble());
        Assert.Equal(30, Reading(device, "sleep_stage_awake", start).Value.GetDouble());
        Assert.Equal(14.5, Reading(device, "respiratory_rate", start).Value.GetDouble());
        Assert.Equal(48, Reading(device, "resting_heart_rate", start).Value.GetDouble());
        Assert.Equal((62.0, "ms"), (Reading(device, "heart_rate_variability_rmssd", start).Value.GetDouble(), Reading(device, "heart_rate_variability_rmssd", start).Unit));
    }

    [Fact]
    public async Task The_next_sync_starts_where_the_last_one_stopped()
    {
        var (_, client, device) = await ConnectedDeviceAsync();
        Server.ClearRequests();
        AssertCompleted(await SyncAsync(client, device));
        var firstEnd = System.Web.HttpUtility.ParseQueryString(Server.RequestsTo(OuraHeartPath)[0].Query)["end_datetime"];
        Server.ClearRequests();

        AssertCompleted(await SyncAsync(client, device));

        var secondStart = System.Web.HttpUtility.ParseQueryString(Server.RequestsTo(OuraHeartPath)[0].Query)["start_datetime"];
        Assert.Equal(firstEnd, secondStart);
    }
}
