using static VitaSense.Devices.Tests.DeviceTestData;
using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;
using static VitaSense.Devices.Tests.Integrations.VendorPayloads;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>Withings getmeas against its fake: value × 10^unit, type codes, offset paging, in-body status codes.</summary>
public sealed class WithingsConnectorTests(IntegrationsFactory factory) : ConnectorTests(factory), IClassFixture<IntegrationsFactory>
{
    protected override string Vendor => "withings";

    protected override string DataPath => "/measure";

    protected override string LastDataPath => "/measure";

    protected override string MalformedBody =>
        $$$"""{"status": 0, "body": {"updatetime": 1700000000, "measuregrps": [{"grpid": 9, "date": {{{Unix($"{D}T08:00:00Z")}}}, "category": 1, "deviceid": "scale-1"}], "more": 0}}""";

    [Fact]
    public async Task Measure_groups_are_scaled_by_their_unit_mapped_by_type_and_paged_with_offset()
    {
        var (_, client, device) = await ConnectedDeviceAsync();
        Server.ClearRequests();

        var sync = await SyncAsync(client, device);

        AssertCompleted(sync);
        var calls = Server.RequestsTo("/measure");
        Assert.Equal(2, calls.Count);
        Assert.Contains("action=getmeas", calls[0].Form);
        Assert.Contains("offset=1", calls[1].Form);

        var weighed = At($"{D}T07:00:00Z");
        Assert.Equal((72.35, "kg"), (Reading(device, "weight_body_mass", weighed).Value.GetDouble(), Reading(device, "weight_body_mass", weighed).Unit));
        Assert.Equal((22.5, "%"), (Reading(device, "body_fat_percentage", weighed).Value.GetDouble(), Reading(device, "body_fat_percentage", weighed).Unit));
        Assert.Equal((178.0, "cm"), (Reading(device, "height", weighed).Value.GetDouble(), Reading(device, "height", weighed).Unit));

        var measured = At($"{D}T07:05:00Z");
        var pressure = Reading(device, "blood_pressure", measured);
        Assert.Equal((120.0, 80.0, "mmHg"), (pressure.Value.GetProperty("systolic").GetDouble(), pressure.Value.GetProperty("diastolic").GetDouble(), pressure.Unit));
        Assert.Equal(64, Reading(device, "heart_rate", measured).Value.GetDouble());
        Assert.Equal((97.0, "%"), (Reading(device, "blood_oxygen_saturation", measured).Value.GetDouble(), "%"));
        Assert.Equal((36.9, "degC"), (Reading(device, "body_temperature", measured).Value.GetDouble(), Reading(device, "body_temperature", measured).Unit));
        // The cuff's group belongs to another device of the account.
        Assert.Single(Factory.Ingestion.Of(device, "blood_pressure"));
    }

    [Fact]
    public async Task Activity_days_go_to_the_tracker_that_counted_them_and_sleep_summaries_to_the_sleep_monitor()
    {
        var client = ClientFor(Factory, NewUser());
        await ConnectAsync(client, "withings");
        var devices = await ImportAsync(client, "withings");
        Assert.Equal(3, devices.Count);
        var (scale, sleepMonitor, watch) = (devices[0], devices[1], devices[2]);
        Server.ClearRequests();

        AssertCompleted(await SyncAsync(client, watch));
        AssertCompleted(await SyncAsync(client, sleepMonitor));
        AssertCompleted(await SyncAsync(client, scale));

        var activity = Assert.Single(Server.RequestsTo("/v2/measure").Take(1));
        Assert.Contains("action=getactivity", activity.Form);
        var day = At($"{D}T00:00:00+01:00");
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris").GetUtcOffset(DateTime.SpecifyKind(Day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified));
        day = new DateTimeOffset(Day.ToDateTime(TimeOnly.MinValue), paris);
        Assert.Equal((9120.0, "count"), (Reading(watch, "step_count", day).Value.GetDouble(), Reading(watch, "step_count", day).Unit));
        Assert.Equal((6.8405, "km"), (Reading(watch, "walking_running_distance", day).Value.GetDouble(), "km"));
        Assert.Equal(389.5, Reading(watch, "active_energy", day).Value.GetDouble());
        Assert.Single(Factory.Ingestion.Of(watch, "step_count"));

        var night = At($"{Before}T22:30:00Z").ToOffset(paris);
        Assert.Equal((6.5, "hr"), (Reading(sleepMonitor, "sleep_analysis", night).Value.GetDouble(), Reading(sleepMonitor, "sleep_analysis", night).Unit));
        Assert.Equal(90, Reading(sleepMonitor, "sleep_stage_deep", night).Value.GetDouble());
        Assert.Equal(210, Reading(sleepMonitor, "sleep_stage_light", night).Value.GetDouble());
        Assert.Equal(30, Reading(sleepMonitor, "sleep_stage_awake", night).Value.GetDouble());
        Assert.Equal(13, Reading(sleepMonitor, "respiratory_rate", night).Value.GetDouble());

        Assert.Empty(Factory.Ingestion.Of(scale, "sleep_analysis"));
        Assert.Empty(Factory.Ingestion.Of(scale, "step_count"));
        Assert.Empty(Factory.Ingestion.Of(watch, "sleep_analysis"));
    }

    [Fact]
    public async Task A_non_zero_status_in_the_body_fails_the_sync_naming_it()
    {
        var (_, client, device) = await ConnectedDeviceAsync();
        Server.Inject("/measure", 200, """{"status": 293, "error": "The action is not allowed"}""");

        var sync = await SyncAsync(client, device);

        AssertFailed(sync, "refused");
        Assert.Empty(Factory.Ingestion.Of(device));
    }
}
