using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;
using static VitaSense.Devices.Tests.Integrations.VendorPayloads;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>Dexcom API v3 EGVs against its fake: UTC systemTime, offset taken from displayTime, trend, records without value skipped.</summary>
public sealed class DexcomConnectorTests(IntegrationsFactory factory) : ConnectorTests(factory), IClassFixture<IntegrationsFactory>
{
    protected override string Vendor => "dexcom";

    protected override string DataPath => "/v3/users/self/egvs";

    protected override string LastDataPath => "/v3/users/self/egvs";

    protected override string MalformedBody => $$$"""{"recordType": "egv", "records": [{"recordId": "r1", "displayTime": "{{{D}}}T05:00:00", "value": 110}]}""";

    [Fact]
    public async Task Egvs_are_placed_at_system_time_in_the_receivers_offset_with_their_trend()
    {
        var (_, client, device) = await ConnectedDeviceAsync();
        Server.ClearRequests();

        var sync = await SyncAsync(client, device);

        AssertCompleted(sync);
        var query = Server.RequestsTo("/v3/users/self/egvs")[0].Query;
        Assert.Matches(@"startDate=\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}&endDate=\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", query);

        var first = Reading(device, "blood_glucose", At($"{D}T05:00:00-05:00"));
        Assert.Equal((110.0, "mg/dL", "flat"), (first.Value.GetDouble(), first.Unit, first.Quality));
        var second = Reading(device, "blood_glucose", At($"{D}T05:05:00-05:00"));
        Assert.Equal((124.0, "fortyFiveUp"), (second.Value.GetDouble(), second.Quality));
        Assert.Equal(1.4, Reading(device, "blood_glucose_trend_rate", At($"{D}T05:05:00-05:00")).Value.GetDouble());
        // The third record has no value (sensor reported low without a number).
        Assert.Equal(2, Factory.Ingestion.Of(device, "blood_glucose").Count);
    }
}
