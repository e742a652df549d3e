using System.Net;
using System.Text.Json.Nodes;
using static VitaSense.Devices.Tests.DeviceTestData;

namespace VitaSense.Devices.Tests.Registry;

/// <summary>Another user's device is 404 on every endpoint, never listed, never summarised, never changed.</summary>
public sealed class DeviceIsolationTests(DevicesFactory factory) : IClassFixture<DevicesFactory>
{
    [Fact]
    public async Task Every_endpoint_answers_404_for_another_users_device_and_leaves_it_untouched()
    {
        var owner = ClientFor(factory, NewUser());
        var intruder = ClientFor(factory, NewUser());
        var id = await RegisterAsync(owner);
        var path = $"{DevicesUrl}/{id}";

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PutAsync(path, Json(new JsonObject { ["device_name"] = "mine now" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.DeleteAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.DeleteAsync($"{path}?purge_data=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"{path}/firmware")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"{path}/health")).StatusCode);

        var list = await GetJsonAsync(intruder, DevicesUrl);
        Assert.Equal(0, list.GetProperty("total").GetInt64());
        Assert.Equal(0, (await GetJsonAsync(intruder, $"{DevicesUrl}?status=registered")).GetProperty("total").GetInt64());
        var summary = await GetJsonAsync(intruder, $"{DevicesUrl}/health/summary");
        Assert.Equal(0, summary.GetProperty("total_devices").GetInt32());
        Assert.DoesNotContain(id.ToString(), summary.ToString());

        var device = await GetJsonAsync(owner, path);
        Assert.Equal("My Fitbit", device.GetProperty("device_name").GetString());
        Assert.Equal("registered", device.GetProperty("status").GetString());
        Assert.True(device.GetProperty("has_credentials").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"{path}/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"{path}/firmware")).StatusCode);
        Assert.Equal(1, (await GetJsonAsync(owner, DevicesUrl)).GetProperty("total").GetInt64());
    }
}
