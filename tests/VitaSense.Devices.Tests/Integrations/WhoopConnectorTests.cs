using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;
using static VitaSense.Devices.Tests.Integrations.VendorPayloads;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>WHOOP API v2 against its fake: recovery (paged with nextToken, unscored skipped), sleep, workout, cycle.</summary>
public sealed class WhoopConnectorTests(IntegrationsFactory factory) : ConnectorTests(factory), IClassFixture<IntegrationsFactory>
{
    protected override string Vendor => "whoop";

    protected override string DataPath => WhoopRecoveryPath;

    protected override string LastDataPath => "/v2/cycle";

    protected override string MalformedBody => $$$"""{"records": [{"id": 1, "start": "{{{D}}}T06:00:00.000Z", "timezone_offset": "-05:00", "score_state": "SCORED", "score": {"kilojoule": 10}}]}""";

    [Fact]
    public async Task Recovery_sleep_workout_and_cycle_are_mapped_with_units_converted()
    {
        var (_, client, device) = await ConnectedDeviceAsync();
        Server.ClearRequests();

        var sync = await SyncAsync(client, device);

        AssertCompleted(sync);
        var recoveryCalls = Server.RequestsTo(WhoopRecoveryPath);
        Assert.Equal(2, recoveryCalls.Count);
        Assert.Contains("nextToken=MTIzOjEyMzEyMw", recoveryCalls[1].Query);

        var recovered = At($"{D}T11:25:44.774Z");
        Assert.Equal(64, Reading(device, "resting_heart_rate", recovered).Value.GetDouble());
        Assert.Equal((31.813562, "ms"), (Reading(device, "heart_rate_variability_rmssd", recovered).Value.GetDouble(), "ms"));
        Assert.Equal(95.6875, Reading(device, "blood_oxygen_saturation", recovered).Value.GetDouble());
        Assert.Equal((33.7, "degC"), (Reading(device, "skin_temperature", recovered).Value.GetDouble(), Reading(device, "skin_temperature", recovered).Unit));
        Assert.Equal(44, Reading(device, "recovery_score", recovered).Value.GetDouble());
        Assert.Equal(70, Reading(device, "recovery_score", At($"{D}T12:00:00.000Z")).Value.GetDouble());
        Assert.Equal(2, Factory.Ingestion.Of(device, "recovery_score").Count);

        var slept = At($"{D}T02:25:44.774Z").ToOffset(TimeSpan.FromHours(-5));
        Assert.Equal(Math.Round((14905851.0 + 6630370 + 5879573) / 3_600_000, 6), Reading(device, "sleep_analysis", slept).Value.GetDouble());
        Assert.Equal(Math.Round(6630370.0 / 60_000, 6), Reading(device, "sleep_stage_deep", slept).Value.GetDouble());
        Assert.Equal(Math.Round(16.11328125, 6), Reading(device, "respiratory_rate", slept).Value.GetDouble());

        var workout = At($"{D}T17:00:00.000Z").ToOffset(TimeSpan.FromHours(-5));
        var heartRate = Reading(device, "heart_rate", workout);
        Assert.Equal((123.0, 146.0), (heartRate.Value.GetProperty("avg").GetDouble(), heartRate.Value.GetProperty("max").GetDouble()));
        Assert.Equal((Math.Round(1569.34 / 4.184, 6), "kcal"), (Reading(device, "active_energy", workout).Value.GetDouble(), Reading(device, "active_energy", workout).Unit));
        Assert.Equal((Math.Round(1772.77 / 1000, 6), "km"), (Reading(device, "workout_distance", workout).Value.GetDouble(), "km"));
        Assert.Equal(Math.Round(8.2463, 6), Reading(device, "workout_strain", workout).Value.GetDouble());

        var cycle = At($"{D}T06:00:00.000Z").ToOffset(TimeSpan.FromHours(-5));
        Assert.Equal(Math.Round(8288.297 / 4.184, 6), Reading(device, "total_energy", cycle).Value.GetDouble());
        Assert.Equal(Math.Round(5.2951527, 6), Reading(device, "cycle_strain", cycle).Value.GetDouble());
    }
}
