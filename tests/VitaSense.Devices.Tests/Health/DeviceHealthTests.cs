using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using static VitaSense.Devices.Tests.DeviceTestData;

namespace VitaSense.Devices.Tests.Health;

/// <summary>
/// Device health kept by the health consumer from real Kafka events (status reports and readings on device-data-raw,
/// anomalies on device-anomalies), and computed against the clock at read time.
/// </summary>
public sealed class DeviceHealthTests(ClockedDevicesFactory factory) : IClassFixture<ClockedDevicesFactory>
{
    private string Database => factory.DatabaseConnectionString;

    private static DateTimeOffset Seconds(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private DateTimeOffset Now => Seconds(factory.Clock.GetUtcNow());

    private Task ReportAsync(Guid device, string user, DateTimeOffset at, int battery = 80, int rssi = -60, bool online = true) =>
        PublishAsync(factory, Topics.DeviceDataRaw, EventTypes.DeviceStatusReported, device.ToString(), new DeviceStatusReported
        {
            UserId = user,
            DeviceId = device.ToString(),
            Timestamp = at,
            BatteryLevel = battery,
            Rssi = rssi,
            Online = online,
        }, at);

    private async Task<JsonElement> HealthWhenAsync(HttpClient client, Guid device, Func<JsonElement, bool> condition)
    {
        JsonElement health = default;
        await WaitUntilAsync(async () => condition(health = await GetJsonAsync(client, $"{DevicesUrl}/{device}/health")), $"the health of {device} to change");
        return health;
    }

    [Fact]
    public async Task A_new_device_is_unknown_and_a_status_report_makes_it_online_with_battery_signal_and_a_history_row()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var device = await RegisterAsync(client);
        var unknown = await GetJsonAsync(client, $"{DevicesUrl}/{device}/health");
        Assert.Equal("unknown", unknown.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("last_seen").ValueKind);

        var at = Now.AddMinutes(-1);
        await ReportAsync(device, user, at, battery: 85, rssi: -60);

        var health = await HealthWhenAsync(client, device, h => h.GetProperty("status").GetString() == "online");
        Assert.Equal(device, health.GetProperty("device_id").GetGuid());
        Assert.Equal(at, health.GetProperty("last_seen").GetDateTimeOffset());
        Assert.Equal(85, health.GetProperty("battery_level").GetInt32());
        Assert.Equal("good", health.GetProperty("signal_strength").GetString());
        Assert.Equal("pending", health.GetProperty("sync_status").GetString());
        Assert.Equal(JsonValueKind.Null, health.GetProperty("last_sync").ValueKind);
        Assert.Equal(JsonValueKind.String, health.GetProperty("next_sync").ValueKind);
        Assert.Empty(health.GetProperty("errors").EnumerateArray());
        Assert.Empty(health.GetProperty("warnings").EnumerateArray());
        Assert.Equal("active", (await GetJsonAsync(client, $"{DevicesUrl}/{device}")).GetProperty("status").GetString());
        Assert.Equal(1, await CountAsync(Database,
            "SELECT count(*) FROM devices.device_health_history WHERE device_id = @id AND battery_level = 85 AND rssi = -60 AND online", ("id", device)));
        // The history is partitioned by month, this month's partition made ahead of time.
        Assert.Equal(1, await CountAsync(Database, $"SELECT count(*) FROM devices.device_health_history_p{at:yyyyMM} WHERE device_id = @id", ("id", device)));
    }

    [Fact]
    public async Task Low_battery_and_poor_signal_are_warnings_and_an_older_report_arriving_late_changes_nothing()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var device = await RegisterAsync(client);

        await ReportAsync(device, user, Now.AddMinutes(-2), battery: 15, rssi: -90);
        // Same key, same partition: processed after the first, but measured before it.
        await ReportAsync(device, user, Now.AddMinutes(-5), battery: 99, rssi: -40);

        await WaitUntilAsync(async () => await CountAsync(Database, "SELECT count(*) FROM devices.device_health_history WHERE device_id = @id", ("id", device)) == 2,
            "both reports in the history");
        var health = await GetJsonAsync(client, $"{DevicesUrl}/{device}/health");
        Assert.Equal(15, health.GetProperty("battery_level").GetInt32());
        Assert.Equal("poor", health.GetProperty("signal_strength").GetString());
        var warnings = health.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("type").GetString()).ToList();
        Assert.Contains("low_battery", warnings);
        Assert.Contains("poor_signal", warnings);
    }

    [Fact]
    public async Task Anomalies_become_warnings_or_errors_by_severity_and_events_of_other_users_or_unknown_devices_are_ignored()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var device = await RegisterAsync(client);

        // Claims to be the device but names another user: ignored.
        await ReportAsync(device, NewUser(), Now.AddMinutes(-3), battery: 5);
        await ReportAsync(Guid.NewGuid(), user, Now.AddMinutes(-3), battery: 5);
        await PublishAsync(factory, Topics.DeviceAnomalies, EventTypes.DeviceAnomalyDetected, device.ToString(), new DeviceAnomalyDetected
        {
            UserId = user, DeviceId = device.ToString(), AnomalyType = "battery_drain", Severity = "warning",
            Description = "Battery drains twice as fast as usual.", DetectedAt = Now.AddMinutes(-2),
        });
        await PublishAsync(factory, Topics.DeviceAnomalies, EventTypes.DeviceAnomalyDetected, device.ToString(), new DeviceAnomalyDetected
        {
            UserId = user, DeviceId = device.ToString(), AnomalyType = "sensor_failure", Severity = "critical",
            Description = "Heart rate sensor reads zero.", DetectedAt = Now.AddMinutes(-1),
        });
        await ReportAsync(device, user, Now.AddMinutes(-1), battery: 70);

        var health = await HealthWhenAsync(client, device, h => h.GetProperty("battery_level").ValueKind == JsonValueKind.Number
            && h.GetProperty("errors").GetArrayLength() > 0);
        Assert.Equal(70, health.GetProperty("battery_level").GetInt32());
        var error = Assert.Single(health.GetProperty("errors").EnumerateArray());
        Assert.Equal("sensor_failure", error.GetProperty("type").GetString());
        Assert.Equal("Heart rate sensor reads zero.", error.GetProperty("message").GetString());
        Assert.Equal("battery_drain", Assert.Single(health.GetProperty("warnings").EnumerateArray()).GetProperty("type").GetString());
        Assert.Equal(1, await CountAsync(Database, "SELECT count(*) FROM devices.device_health_history WHERE device_id = @id", ("id", device)));
    }

    [Fact]
    public async Task A_low_battery_reported_by_the_registry_and_the_agents_is_one_issue_an_error_when_critical_and_gone_once_charged()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var device = await RegisterAsync(client);
        Task AnomalyAsync(string severity, int minutesAgo) =>
            PublishAsync(factory, Topics.DeviceAnomalies, EventTypes.DeviceAnomalyDetected, device.ToString(), new DeviceAnomalyDetected
            {
                UserId = user, DeviceId = device.ToString(), AnomalyType = "low_battery", Severity = severity,
                Description = $"Battery low ({severity}).", DetectedAt = Now.AddMinutes(-minutesAgo),
            });

        // Before any report the battery is unknown, and the agents' anomaly is all there is.
        await AnomalyAsync("warning", 7);
        var anomalyOnly = await HealthWhenAsync(client, device, h => h.GetProperty("warnings").GetArrayLength() > 0);
        Assert.Equal("Battery low (warning).", Assert.Single(anomalyOnly.GetProperty("warnings").EnumerateArray()).GetProperty("message").GetString());

        await ReportAsync(device, user, Now.AddMinutes(-6), battery: 12);
        var low = await HealthWhenAsync(client, device, h => h.GetProperty("battery_level").ValueKind == JsonValueKind.Number);
        var warning = Assert.Single(low.GetProperty("warnings").EnumerateArray());
        Assert.Equal("low_battery", warning.GetProperty("type").GetString());
        Assert.StartsWith("Battery at 12%", warning.GetProperty("message").GetString());

        await ReportAsync(device, user, Now.AddMinutes(-4), battery: 3);
        await AnomalyAsync("critical", 4);
        var critical = await HealthWhenAsync(client, device, h => h.GetProperty("errors").GetArrayLength() > 0);
        Assert.Equal("Battery low (critical).", Assert.Single(critical.GetProperty("errors").EnumerateArray()).GetProperty("message").GetString());
        Assert.Empty(critical.GetProperty("warnings").EnumerateArray());

        await ReportAsync(device, user, Now.AddMinutes(-2), battery: 90);
        var charged = await HealthWhenAsync(client, device, h => h.GetProperty("battery_level").GetInt32() == 90);
        Assert.Empty(charged.GetProperty("errors").EnumerateArray());
        Assert.Empty(charged.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task The_sync_monitors_verdict_shows_in_health_with_its_recovery_plan()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var device = await RegisterAsync(client);

        await PublishAsync(factory, Topics.SyncStatus, EventTypes.SyncStatusChanged, device.ToString(), new SyncStatusChanged
        {
            UserId = user, Source = device.ToString(), DeviceId = device.ToString(), Status = "healthy", LastSyncAt = Now.AddMinutes(-3),
            LatencySeconds = 20, Conflicts = 0, RecoveryPlan = "none", OccurredAt = Now.AddMinutes(-3),
        });
        await PublishAsync(factory, Topics.SyncStatus, EventTypes.SyncStatusChanged, device.ToString(), new SyncStatusChanged
        {
            UserId = user, Source = device.ToString(), DeviceId = device.ToString(), Status = "failing", LastSyncAt = Now.AddMinutes(-2),
            LatencySeconds = 7200, Conflicts = 0, RecoveryPlan = "Open the vendor app and sign in again.", OccurredAt = Now.AddMinutes(-1),
        });

        var health = await HealthWhenAsync(client, device, h => h.GetProperty("errors").GetArrayLength() > 0);
        var error = Assert.Single(health.GetProperty("errors").EnumerateArray());
        Assert.Equal("sync_failing", error.GetProperty("type").GetString());
        Assert.Contains("Open the vendor app and sign in again.", error.GetProperty("message").GetString());
        Assert.Empty(health.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task Readings_arriving_mark_the_device_seen()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var device = await RegisterAsync(client, b => b["integration_type"] = "bluetooth");
        var at = Now.AddMinutes(-4);

        var readings = new ObservationsIngested
        {
            UserId = user, DeviceId = device.ToString(), Source = device.ToString(), Metric = "heart_rate", Unit = "count/min", Origin = "device_upload",
            Observations = [new ObservationPoint { Timestamp = at.AddMinutes(-1), Value = 70 }, new ObservationPoint { Timestamp = at, Value = 72 }],
        };
        var eventId = Guid.NewGuid().ToString();
        await PublishAsync(factory, Topics.DeviceDataRaw, EventTypes.ObservationsIngested, device.ToString(), readings, id: eventId);

        var health = await HealthWhenAsync(client, device, h => h.GetProperty("status").GetString() == "online");
        Assert.Equal(at, health.GetProperty("last_seen").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, health.GetProperty("battery_level").ValueKind);

        // A redelivery of the same event, then a status report behind it on the same partition.
        await PublishAsync(factory, Topics.DeviceDataRaw, EventTypes.ObservationsIngested, device.ToString(), readings, id: eventId);
        await ReportAsync(device, user, Now.AddMinutes(-1), battery: 51);
        await HealthWhenAsync(client, device, h => h.GetProperty("battery_level").ValueKind == JsonValueKind.Number);
        Assert.Equal(2, await CountAsync(Database, "SELECT coalesce(sum(observations), 0)::bigint FROM devices.device_activity_days WHERE device_id = @id", ("id", device)));
    }

    [Fact]
    public async Task A_device_that_stops_reporting_goes_offline_without_a_new_message_and_the_summary_counts_by_status()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        // Every 15 minutes: offline after 2 x 15 = 30 minutes of silence.
        var quiet = await RegisterAsync(client);
        var reportedOffline = await RegisterAsync(client);
        var never = await RegisterAsync(client);

        await ReportAsync(quiet, user, Now);
        await ReportAsync(reportedOffline, user, Now, online: false);
        await HealthWhenAsync(client, quiet, h => h.GetProperty("status").GetString() == "online");
        await HealthWhenAsync(client, reportedOffline, h => h.GetProperty("last_seen").ValueKind != JsonValueKind.Null);

        var summary = await GetJsonAsync(client, $"{DevicesUrl}/health/summary");
        Assert.Equal(3, summary.GetProperty("total_devices").GetInt32());
        Assert.Equal(1, summary.GetProperty("status_counts").GetProperty("online").GetInt32());
        Assert.Equal(1, summary.GetProperty("status_counts").GetProperty("offline").GetInt32());
        Assert.Equal(1, summary.GetProperty("status_counts").GetProperty("unknown").GetInt32());
        Assert.Equal([quiet, reportedOffline, never], summary.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("device_id").GetGuid()));

        factory.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("online", (await GetJsonAsync(client, $"{DevicesUrl}/{quiet}/health")).GetProperty("status").GetString());

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var silent = await GetJsonAsync(client, $"{DevicesUrl}/{quiet}/health");
        Assert.Equal("offline", silent.GetProperty("status").GetString());
        Assert.Contains("not_reporting", silent.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("type").GetString()));
        var later = await GetJsonAsync(client, $"{DevicesUrl}/health/summary");
        Assert.Equal(0, later.GetProperty("status_counts").GetProperty("online").GetInt32());
        Assert.Equal(2, later.GetProperty("status_counts").GetProperty("offline").GetInt32());

        // A fresh report brings it back.
        await ReportAsync(quiet, user, Now);
        await HealthWhenAsync(client, quiet, h => h.GetProperty("status").GetString() == "online");
    }

    [Fact]
    public async Task The_service_health_endpoint_reports_the_health_consumer_running()
    {
        JsonElement report = default;
        await WaitUntilAsync(async () =>
        {
            // 503 while a dependency is unhealthy: the body says which.
            report = await (await factory.CreateClient().GetAsync("/health")).Content.ReadFromJsonAsync<JsonElement>();
            return report.GetProperty("checks").TryGetProperty("device-health-consumer", out var check) && check.GetProperty("status").GetString() == "healthy";
        }, "the device-health-consumer check");
    }

    [Fact]
    public async Task An_unregistered_device_takes_no_more_health_updates_and_leaves_the_summary()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var device = await RegisterAsync(client);
        var other = await RegisterAsync(client);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{DevicesUrl}/{device}")).StatusCode);

        await ReportAsync(device, user, Now, battery: 33);
        await ReportAsync(other, user, Now, battery: 44);
        await HealthWhenAsync(client, other, h => h.GetProperty("battery_level").ValueKind == JsonValueKind.Number);
        await Task.Delay(1000);

        Assert.Equal(0, await CountAsync(Database, "SELECT count(*) FROM devices.device_health_history WHERE device_id = @id", ("id", device)));
        var summary = await GetJsonAsync(client, $"{DevicesUrl}/health/summary");
        Assert.Equal([other], summary.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("device_id").GetGuid()));
    }
}
