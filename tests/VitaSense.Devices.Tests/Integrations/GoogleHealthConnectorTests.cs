using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;
using static VitaSense.Devices.Tests.Integrations.VendorPayloads;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>Google Health API v4 against its fake: heart-rate samples (paged with nextPageToken) and step intervals, counts as strings.</summary>
public sealed class GoogleHealthConnectorTests(IntegrationsFactory factory) : ConnectorTests(factory), IClassFixture<IntegrationsFactory>
{
    protected override string Vendor => "google_health";

    protected override string DataPath => GoogleHeartPath;

    protected override string LastDataPath => "/v4/users/me/dataTypes/steps/dataPoints";

    protected override string MalformedBody => """{"dataPoints": [{"steps": {"count": "10"}}]}""";

    [Fact]
    public async Task Heart_rate_pages_and_steps_are_mapped()
    {
        var (_, client, device) = await ConnectedDeviceAsync();
        Server.ClearRequests();

        var sync = await SyncAsync(client, device);

        AssertCompleted(sync);
        var calls = Server.RequestsTo(GoogleHeartPath);
        Assert.Equal(2, calls.Count);
        Assert.Contains("pageToken=p2", calls[1].Query);
        Assert.Contains("filter=", calls[0].Query);
        Assert.Equal((72.0, "count/min"), (Reading(device, "heart_rate", At($"{D}T08:00:00Z")).Value.GetDouble(), "count/min"));
        Assert.Equal(74, Reading(device, "heart_rate", At($"{D}T08:01:00Z")).Value.GetDouble());
        Assert.Equal((1200.0, "count"), (Reading(device, "step_count", At($"{D}T08:00:00Z")).Value.GetDouble(), Reading(device, "step_count", At($"{D}T08:00:00Z")).Unit));
    }
}
