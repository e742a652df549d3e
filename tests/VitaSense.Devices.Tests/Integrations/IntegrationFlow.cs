using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static VitaSense.Devices.Tests.DeviceTestData;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>The steps a person takes through the API: connect a vendor, import its devices, sync one and wait for the outcome.</summary>
public static class IntegrationFlow
{
    public const string RedirectUri = "https://app.vitasense.test/oauth/callback";

    public static async Task ConnectAsync(HttpClient client, string vendor)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/integrations/{vendor}/auth", new { code = FakeVendorServer.GoodCode, redirect_uri = RedirectUri });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"connect {vendor}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<IReadOnlyList<Guid>> ImportAsync(HttpClient client, string vendor)
    {
        var response = await client.PostAsync($"/api/v1/integrations/{vendor}/import", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import {vendor}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await JsonAsync(response);
        return [.. body.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("device_id").GetGuid())];
    }

    /// <summary>Connects, imports and returns the first imported device.</summary>
    public static async Task<Guid> ConnectedDeviceAsync(HttpClient client, string vendor)
    {
        await ConnectAsync(client, vendor);
        return (await ImportAsync(client, vendor))[0];
    }

    public static async Task<Guid> StartSyncAsync(HttpClient client, Guid deviceId)
    {
        var response = await client.PostAsync($"/api/v1/devices/{deviceId}/sync", null);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"sync: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await JsonAsync(response)).GetProperty("sync_id").GetGuid();
    }

    /// <summary>Waits until the sync is completed or failed; returns its history row.</summary>
    public static async Task<JsonElement> WaitForSyncAsync(HttpClient client, Guid deviceId, Guid syncId)
    {
        JsonElement found = default;
        await WaitUntilAsync(async () =>
        {
            var page = await GetJsonAsync(client, $"/api/v1/sync/history?device_id={deviceId}&limit=50");
            foreach (var sync in page.GetProperty("syncs").EnumerateArray())
            {
                if (sync.GetProperty("sync_id").GetGuid() == syncId && sync.GetProperty("status").GetString() is "completed" or "failed")
                {
                    found = sync.Clone();
                    return true;
                }
            }
            return false;
        }, $"sync {syncId} to finish");
        return found;
    }

    /// <summary>Starts a sync and waits for it.</summary>
    public static async Task<JsonElement> SyncAsync(HttpClient client, Guid deviceId) =>
        await WaitForSyncAsync(client, deviceId, await StartSyncAsync(client, deviceId));

    public static void AssertCompleted(JsonElement sync) =>
        Assert.True(sync.GetProperty("status").GetString() == "completed", $"sync not completed: {sync}");

    public static void AssertFailed(JsonElement sync, string kind)
    {
        Assert.True(sync.GetProperty("status").GetString() == "failed", $"sync not failed: {sync}");
        Assert.Equal(kind, sync.GetProperty("error_details").GetProperty("kind").GetString());
        Assert.False(string.IsNullOrEmpty(sync.GetProperty("error_message").GetString()));
    }

    public static double Number(JsonElement value) => value.GetDouble();
}
