using System.Text;
using static VitaSense.Devices.Tests.DeviceTestData;
using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>
/// The vendor call pipeline, run against each pull connector's fake vendor: an expired token is refreshed once
/// and the call repeated (the new tokens stored encrypted); a 429 waits for Retry-After; 5xx is retried with
/// backoff, and fails the sync as unavailable once the bounded retries are spent; a malformed or partial payload
/// fails the sync with details and nothing reaches ingestion or moves a cursor.
/// </summary>
public abstract class ConnectorTests(IntegrationsFactory factory)
{
    protected IntegrationsFactory Factory => factory;

    protected abstract string Vendor { get; }

    /// <summary>A path every sync calls (failures are injected there).</summary>
    protected abstract string DataPath { get; }

    /// <summary>The path of the last data type fetched: a bad payload there comes after good ones.</summary>
    protected abstract string LastDataPath { get; }

    /// <summary>A 200 answer missing what the documented format requires.</summary>
    protected virtual string MalformedBody => """{"unexpected": true}""";

    protected FakeVendorServer Server => factory.Vendors[Vendor];

    protected async Task<(string User, HttpClient Client, Guid Device)> ConnectedDeviceAsync()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        return (user, client, await IntegrationFlow.ConnectedDeviceAsync(client, Vendor));
    }

    [Fact]
    public async Task Expired_access_token_is_refreshed_once_the_call_repeated_and_the_new_tokens_stored_encrypted()
    {
        var (user, client, device) = await ConnectedDeviceAsync();
        var before = (byte[])(await ScalarAsync(factory.DatabaseConnectionString,
            "SELECT credentials FROM devices.integration_connections WHERE user_id = @user AND vendor = @vendor", ("user", user), ("vendor", Vendor)))!;
        Server.ExpireAccessTokens();
        var refreshes = Server.Refreshes;

        var sync = await SyncAsync(client, device);

        AssertCompleted(sync);
        Assert.Equal(refreshes + 1, Server.Refreshes);
        Assert.NotEmpty(factory.Ingestion.Of(device));
        var after = (byte[])(await ScalarAsync(factory.DatabaseConnectionString,
            "SELECT credentials FROM devices.integration_connections WHERE user_id = @user AND vendor = @vendor", ("user", user), ("vendor", Vendor)))!;
        Assert.NotEqual(before, after);
        var stored = Encoding.Latin1.GetString(after);
        Assert.DoesNotContain($"{Vendor}-access", stored);
        Assert.DoesNotContain($"{Vendor}-refresh", stored);
    }

    [Fact]
    public async Task Rate_limited_call_waits_for_Retry_After_then_succeeds()
    {
        var (_, client, device) = await ConnectedDeviceAsync();
        Server.ClearRequests();
        Server.Inject(DataPath, 429, """{"errors": [{"errorType": "system", "message": "Too Many Requests"}]}""", new Dictionary<string, string> { ["Retry-After"] = "1" });

        var sync = await SyncAsync(client, device);

        AssertCompleted(sync);
        var calls = Server.RequestsTo(DataPath);
        Assert.True(calls.Count >= 2, $"expected the rate-limited call to be repeated, saw {calls.Count}");
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(900), $"the retry came {(calls[1].At - calls[0].At).TotalMilliseconds} ms after the 429");
        Assert.NotEmpty(factory.Ingestion.Of(device));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_within_the_call()
    {
        var (_, client, device) = await ConnectedDeviceAsync();
        Server.ClearRequests();
        Server.Inject(DataPath, 503, """{"error": "service unavailable"}""");
        Server.Inject(DataPath, 502, """{"error": "bad gateway"}""");

        var sync = await SyncAsync(client, device);

        AssertCompleted(sync);
        Assert.Equal(1, sync.GetProperty("error_details").GetProperty("attempts").GetInt32());
        Assert.True(Server.RequestsTo(DataPath).Count >= 3);
        Assert.NotEmpty(factory.Ingestion.Of(device));
    }

    [Fact]
    public async Task Persistent_server_errors_fail_the_sync_as_unavailable_after_bounded_retries()
    {
        var (_, client, device) = await ConnectedDeviceAsync();
        Server.ClearRequests();
        for (var i = 0; i < 40; i++)
        {
            Server.Inject(DataPath, 500, """{"error": "internal"}""");
        }
        try
        {
            var sync = await SyncAsync(client, device);

            AssertFailed(sync, "unavailable");
            // 4 calls (1 + VendorMaxRetries) per attempt, 4 attempts (1 + MaxSyncRetries).
            Assert.Equal(4, sync.GetProperty("error_details").GetProperty("attempts").GetInt32());
            Assert.Equal(16, Server.RequestsTo(DataPath).Count);
            Assert.Empty(factory.Ingestion.Of(device));
        }
        finally
        {
            Server.ClearInjections();
        }
    }

    [Fact]
    public async Task Malformed_payload_fails_the_sync_with_details_and_nothing_is_written()
    {
        var (_, client, device) = await ConnectedDeviceAsync();
        Server.Inject(LastDataPath, 200, MalformedBody);

        var sync = await SyncAsync(client, device);

        AssertFailed(sync, "invalid_payload");
        Assert.Contains("documented format", sync.GetProperty("error_message").GetString());
        Assert.Empty(factory.Ingestion.Of(device));
        Assert.Equal(0, await CountAsync(factory.DatabaseConnectionString, "SELECT count(*) FROM devices.sync_cursors WHERE device_id = @device", ("device", device)));
        Assert.Equal("failed", await ScalarAsync(factory.DatabaseConnectionString, "SELECT sync_status FROM devices.devices WHERE device_id = @device", ("device", device)));

        // The vendor answering properly again, a retry takes everything.
        var retry = await client.PostAsync($"/api/v1/sync/retry/{sync.GetProperty("sync_id").GetGuid()}", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, retry.StatusCode);
        var retried = await WaitForSyncAsync(client, device, (await JsonAsync(retry)).GetProperty("sync_id").GetGuid());
        AssertCompleted(retried);
        Assert.NotEmpty(factory.Ingestion.Of(device));
    }

    /// <summary>The reading of <paramref name="dataType"/> at <paramref name="at"/> as ingestion received it.</summary>
    protected (System.Text.Json.JsonElement Value, string Unit, string User, string? Quality) Reading(Guid device, string dataType, DateTimeOffset at)
    {
        var found = factory.Ingestion.Of(device, dataType).Where(r => r.Key.Timestamp == at).ToList();
        Assert.True(found.Count == 1, $"no {dataType} at {at:o}; have {string.Join(", ", factory.Ingestion.Of(device).Select(r => $"{r.Key.DataType}@{r.Key.Timestamp:o}"))}");
        Assert.Equal(at.Offset, found[0].Key.Timestamp.Offset);
        return found[0].Value;
    }

    protected static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
