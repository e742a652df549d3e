using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VitaSense.Devices.Tests.Integrations;
using static VitaSense.Devices.Tests.DeviceTestData;
using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;

namespace VitaSense.Devices.Tests.Sync;

/// <summary>
/// The sync API against real PostgreSQL, the fake vendors and a fake ingestion: manual, bulk and retried syncs,
/// status, history with filters, sync performance; one active sync per device; another user's device or sync is 404.
/// </summary>
public sealed class SyncApiTests(IntegrationsFactory factory) : IClassFixture<IntegrationsFactory>
{
    private string Database => factory.DatabaseConnectionString;

    private async Task<(string User, HttpClient Client, Guid Device)> OuraDeviceAsync()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        return (user, client, await ConnectedDeviceAsync(client, "oura"));
    }

    /// <summary>A sync another replica is running right now (fresh heartbeat).</summary>
    private async Task<Guid> RunningElsewhereAsync(Guid device, string user)
    {
        var syncId = Guid.NewGuid();
        await ScalarAsync(Database, """
            INSERT INTO devices.sync_history (sync_id, device_id, user_id, sync_type, status, start_time, heartbeat_at, runner)
            VALUES (@sync, @device, @user, 'automatic', 'running', now(), now() + interval '1 hour', 'other-replica')
            """, ("sync", syncId), ("device", device), ("user", user));
        return syncId;
    }

    [Fact]
    public async Task A_manual_sync_is_accepted_with_its_id_and_another_users_or_unknown_device_is_not_found()
    {
        var (_, owner, device) = await OuraDeviceAsync();
        var stranger = ClientFor(factory, NewUser());

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/devices/{device}/sync", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync($"/api/v1/devices/{Guid.NewGuid()}/sync", null)).StatusCode);
        var malformed = await owner.PostAsync("/api/v1/devices/not-a-device/sync", null);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal("device_id", (await JsonAsync(malformed)).GetProperty("field").GetString());

        var response = await owner.PostAsync($"/api/v1/devices/{device}/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await JsonAsync(response);
        Assert.Equal(("manual", "pending"), (accepted.GetProperty("sync_type").GetString(), accepted.GetProperty("status").GetString()));
        var sync = await WaitForSyncAsync(owner, device, accepted.GetProperty("sync_id").GetGuid());
        AssertCompleted(sync);
        Assert.True(sync.GetProperty("records_synced").GetInt32() > 0);
        Assert.True(sync.GetProperty("duration_seconds").GetDouble() >= 0);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/devices/{device}")).StatusCode);
    }

    [Fact]
    public async Task A_device_that_is_already_syncing_answers_409_and_a_device_without_vendor_cannot_sync()
    {
        var (user, owner, device) = await OuraDeviceAsync();
        var running = await RunningElsewhereAsync(device, user);

        var busy = await owner.PostAsync($"/api/v1/devices/{device}/sync", null);

        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.Equal(running, (await JsonAsync(busy)).GetProperty("running_sync_id").GetGuid());

        var manual = await RegisterAsync(owner, body => body["integration_type"] = "bluetooth");
        Assert.Equal(HttpStatusCode.Conflict, (await owner.PostAsync($"/api/v1/devices/{manual}/sync", null)).StatusCode);
    }

    [Fact]
    public async Task Status_shows_each_of_the_callers_devices_with_its_sync_state_and_running_sync()
    {
        var (user, owner, synced) = await OuraDeviceAsync();
        var busy = (await ConnectedDeviceAsync(owner, "dexcom"));
        AssertCompleted(await SyncAsync(owner, synced));
        var running = await RunningElsewhereAsync(busy, user);

        var status = await GetJsonAsync(owner, "/api/v1/sync/status");

        var devices = status.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("device_id").GetGuid());
        Assert.Equal(2, status.GetProperty("count").GetInt32());
        Assert.Equal("successful", devices[synced].GetProperty("sync_status").GetString());
        Assert.NotEqual(JsonValueKind.Null, devices[synced].GetProperty("last_sync").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, devices[synced].GetProperty("next_sync").ValueKind);
        Assert.Equal(JsonValueKind.Null, devices[synced].GetProperty("running_sync").ValueKind);
        Assert.Equal(running, devices[busy].GetProperty("running_sync").GetProperty("sync_id").GetGuid());
        Assert.Equal("oura", devices[synced].GetProperty("vendor").GetString());

        var strangers = await GetJsonAsync(ClientFor(factory, NewUser()), "/api/v1/sync/status");
        Assert.Equal(0, strangers.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Bulk_starts_one_sync_per_vendor_device_and_skips_a_busy_one()
    {
        var (user, owner, free) = await OuraDeviceAsync();
        var busy = await ConnectedDeviceAsync(owner, "dexcom");
        await RunningElsewhereAsync(busy, user);
        await RegisterAsync(owner, body => body["integration_type"] = "wifi");

        var response = await owner.PostAsync("/api/v1/sync/bulk", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var bulk = await JsonAsync(response);
        var started = Assert.Single(bulk.GetProperty("syncs").EnumerateArray());
        Assert.Equal((free, "bulk"), (started.GetProperty("device_id").GetGuid(), started.GetProperty("sync_type").GetString()));
        Assert.Equal(busy, Assert.Single(bulk.GetProperty("skipped").EnumerateArray()).GetProperty("device_id").GetGuid());
        AssertCompleted(await WaitForSyncAsync(owner, free, started.GetProperty("sync_id").GetGuid()));

        var strangers = await JsonAsync(await ClientFor(factory, NewUser()).PostAsync("/api/v1/sync/bulk", null));
        Assert.Empty(strangers.GetProperty("syncs").EnumerateArray());
    }

    [Fact]
    public async Task History_filters_pages_validates_and_shows_only_the_callers_syncs()
    {
        var (_, owner, first) = await OuraDeviceAsync();
        var second = await ConnectedDeviceAsync(owner, "dexcom");
        AssertCompleted(await SyncAsync(owner, first));
        AssertCompleted(await SyncAsync(owner, first));
        factory.Vendors["dexcom"].Inject("/v3/users/self/egvs", 200, """{"records": "nope"}""");
        AssertFailed(await SyncAsync(owner, second), "invalid_payload");

        var all = await GetJsonAsync(owner, "/api/v1/sync/history");
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        var times = all.GetProperty("syncs").EnumerateArray().Select(s => s.GetProperty("start_time").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal(2, (await GetJsonAsync(owner, $"/api/v1/sync/history?device_id={first}")).GetProperty("total").GetInt32());
        var failed = await GetJsonAsync(owner, "/api/v1/sync/history?status=failed");
        Assert.Equal(second, Assert.Single(failed.GetProperty("syncs").EnumerateArray()).GetProperty("device_id").GetGuid());
        var page = await GetJsonAsync(owner, "/api/v1/sync/history?limit=1&offset=1");
        Assert.Single(page.GetProperty("syncs").EnumerateArray());
        Assert.Equal((3, 1, 1), (page.GetProperty("total").GetInt32(), page.GetProperty("limit").GetInt32(), page.GetProperty("offset").GetInt32()));

        foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=501", "limit"), ("limit=ten", "limit"), ("offset=-1", "offset"), ("status=done", "status"), ("device_id=xyz", "device_id") })
        {
            var invalid = await owner.GetAsync($"/api/v1/sync/history?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.True((await JsonAsync(invalid)).GetProperty("errors").TryGetProperty(field, out _), $"{query} should name {field}");
        }

        var stranger = ClientFor(factory, NewUser());
        Assert.Equal(0, (await GetJsonAsync(stranger, "/api/v1/sync/history")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await GetJsonAsync(stranger, $"/api/v1/sync/history?device_id={first}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Only_a_failed_sync_of_ones_own_can_be_retried()
    {
        var (_, owner, device) = await OuraDeviceAsync();
        var completed = await SyncAsync(owner, device);
        factory.Vendors["oura"].Inject(OuraHeartPathFor(), 200, """{"data": [{"bpm": "fast"}]}""");
        var failed = await SyncAsync(owner, device);
        AssertFailed(failed, "invalid_payload");
        var failedId = failed.GetProperty("sync_id").GetGuid();

        Assert.Equal(HttpStatusCode.Conflict, (await owner.PostAsync($"/api/v1/sync/retry/{completed.GetProperty("sync_id").GetGuid()}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ClientFor(factory, NewUser()).PostAsync($"/api/v1/sync/retry/{failedId}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync($"/api/v1/sync/retry/{Guid.NewGuid()}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync("/api/v1/sync/retry/not-a-sync", null)).StatusCode);

        var response = await owner.PostAsync($"/api/v1/sync/retry/{failedId}", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var retried = await WaitForSyncAsync(owner, device, (await JsonAsync(response)).GetProperty("sync_id").GetGuid());
        AssertCompleted(retried);
        Assert.Equal(("retry", failedId, 2), (retried.GetProperty("sync_type").GetString(), retried.GetProperty("retry_of").GetGuid(), retried.GetProperty("attempt").GetInt32()));
    }

    [Fact]
    public async Task Ingestion_not_knowing_the_device_yet_is_retried_until_it_does()
    {
        var (_, owner, device) = await OuraDeviceAsync();
        Interlocked.Exchange(ref factory.Ingestion.NotFoundAnswers, 2);

        var sync = await SyncAsync(owner, device);

        AssertCompleted(sync);
        Assert.Equal(3, sync.GetProperty("error_details").GetProperty("attempts").GetInt32());
        Assert.NotEmpty(factory.Ingestion.Of(device));
    }

    [Fact]
    public async Task Sync_performance_reports_success_rate_durations_and_records_per_device_and_overall()
    {
        var (_, owner, device) = await OuraDeviceAsync();
        var other = await ConnectedDeviceAsync(owner, "dexcom");
        AssertCompleted(await SyncAsync(owner, device));
        AssertCompleted(await SyncAsync(owner, device));
        factory.Vendors["dexcom"].Inject("/v3/users/self/egvs", 200, """{"records": "nope"}""");
        AssertFailed(await SyncAsync(owner, other), "invalid_payload");
        var history = await GetJsonAsync(owner, "/api/v1/sync/history");
        var synced = history.GetProperty("syncs").EnumerateArray().Sum(s => s.GetProperty("records_synced").GetInt32());

        var report = await GetJsonAsync(owner, "/api/v1/analytics/sync-performance?days=7");

        var overall = report.GetProperty("overall");
        Assert.Equal((3, 2, 1), (overall.GetProperty("total_syncs").GetInt32(), overall.GetProperty("successful_syncs").GetInt32(), overall.GetProperty("failed_syncs").GetInt32()));
        Assert.Equal(Math.Round(2.0 / 3, 4), overall.GetProperty("success_rate").GetDouble());
        Assert.True(overall.GetProperty("duration_p95_seconds").GetDouble() >= overall.GetProperty("duration_p50_seconds").GetDouble());
        Assert.Equal(synced, overall.GetProperty("records_synced").GetInt32());
        Assert.Equal(Math.Round(synced / 3.0, 2), overall.GetProperty("records_per_sync").GetDouble());
        var perDevice = report.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("device_id").GetGuid());
        Assert.Equal(1.0, perDevice[device].GetProperty("success_rate").GetDouble());
        Assert.Equal(0.0, perDevice[other].GetProperty("success_rate").GetDouble());

        var strangers = await GetJsonAsync(ClientFor(factory, NewUser()), "/api/v1/analytics/sync-performance");
        Assert.Equal(0, strangers.GetProperty("overall").GetProperty("total_syncs").GetInt32());
        Assert.Empty(strangers.GetProperty("devices").EnumerateArray());
        var invalid = await owner.GetAsync("/api/v1/analytics/sync-performance?days=0");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await JsonAsync(invalid)).GetProperty("errors").TryGetProperty("days", out _));
    }

    [Fact]
    public async Task A_registered_device_with_its_own_expired_credentials_is_synced_after_a_refresh_stored_on_the_device()
    {
        var user = NewUser();
        var owner = ClientFor(factory, user);
        var oura = factory.Vendors["oura"];
        var (access, refresh) = oura.IssueTokens();
        var device = await RegisterAsync(owner, body =>
        {
            body["vendor"] = "oura";
            body["credentials"] = new System.Text.Json.Nodes.JsonObject
            {
                ["access_token"] = access,
                ["refresh_token"] = refresh,
                ["expires_at"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("o"),
            };
        });
        var before = (byte[])(await ScalarAsync(Database, "SELECT credentials FROM devices.devices WHERE device_id = @id", ("id", device)))!;
        var refreshes = oura.Refreshes;

        var sync = await SyncAsync(owner, device);

        AssertCompleted(sync);
        Assert.Equal(refreshes + 1, oura.Refreshes);
        Assert.NotEmpty(factory.Ingestion.Of(device, "heart_rate"));
        var after = (byte[])(await ScalarAsync(Database, "SELECT credentials FROM devices.devices WHERE device_id = @id", ("id", device)))!;
        Assert.NotEqual(before, after);
        Assert.DoesNotContain("oura-access", System.Text.Encoding.Latin1.GetString(after));
        // The user never connected an Oura account: the device's own tokens were used.
        Assert.Equal(0, await CountAsync(Database, "SELECT count(*) FROM devices.integration_connections WHERE user_id = @user", ("user", user)));
    }

    [Fact]
    public async Task A_revoked_authorization_fails_the_sync_as_unauthorized_without_retrying()
    {
        var (_, owner, device) = await OuraDeviceAsync();
        var oura = factory.Vendors["oura"];
        oura.ExpireAccessTokens();
        oura.Inject(FakeVendorServer.TokenPath, 400, """{"error": "invalid_grant", "error_description": "Refresh token revoked"}""");

        var sync = await SyncAsync(owner, device);

        AssertFailed(sync, "unauthorized");
        Assert.Equal(1, sync.GetProperty("error_details").GetProperty("attempts").GetInt32());
        Assert.Contains("connect again", sync.GetProperty("error_message").GetString());
        Assert.DoesNotContain("oura-refresh", sync.ToString());
    }

    [Fact]
    public async Task Every_sync_endpoint_requires_a_user()
    {
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/devices/{Guid.NewGuid()}/sync", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/sync/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/sync/bulk", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/sync/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/sync/retry/{Guid.NewGuid()}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/analytics/sync-performance")).StatusCode);
    }

    private static string OuraHeartPathFor() => VendorPayloads.OuraHeartPath;
}
