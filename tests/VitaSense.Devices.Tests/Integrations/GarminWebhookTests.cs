using System.Net;
using System.Text;
using static VitaSense.Devices.Tests.DeviceTestData;
using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;
using static VitaSense.Devices.Tests.Integrations.VendorPayloads;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>
/// Garmin Health API push: the webhook verifies the shared token, maps dailies, sleeps and activities to the
/// connected user's Garmin device, and refuses a malformed push whole.
/// </summary>
public sealed class GarminWebhookTests(IntegrationsFactory factory) : IClassFixture<IntegrationsFactory>
{
    private const string Webhook = "/api/v1/integrations/garmin/webhook";

    private async Task<(string User, Guid Device, string GarminUser)> ConnectedAsync()
    {
        var user = NewUser();
        var garminUser = $"garmin-{Guid.NewGuid():N}";
        factory.GarminUserId = garminUser;
        var device = await ConnectedDeviceAsync(ClientFor(factory, user), "garmin");
        return (user, device, garminUser);
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_verified_push_lands_on_the_users_garmin_device_in_canonical_units()
    {
        var (user, device, garminUser) = await ConnectedAsync();
        var anonymous = factory.CreateClient();

        var response = await anonymous.PostAsync($"{Webhook}?token={IntegrationsFactory.GarminWebhookToken}", Body(GarminPush(garminUser)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await JsonAsync(response);
        Assert.Equal(1, result.GetProperty("devices").GetInt32());
        var day = At($"{D}T00:00:00+01:00");
        var readings = factory.Ingestion.Of(device);
        Assert.All(readings, r => Assert.Equal(user, r.Value.User));
        Assert.Equal(10234, Single(device, "step_count", day).Value.GetDouble());
        Assert.Equal((7.8005, "km"), (Single(device, "walking_running_distance", day).Value.GetDouble(), Single(device, "walking_running_distance", day).Unit));
        Assert.Equal(52, Single(device, "resting_heart_rate", day).Value.GetDouble());
        Assert.Equal(62, Single(device, "heart_rate", day.AddSeconds(15)).Value.GetDouble());
        Assert.Equal(3, factory.Ingestion.Of(device, "heart_rate").Count(r => r.Key.Timestamp < day.AddHours(1)));
        var slept = At($"{Before}T23:00:00+01:00");
        Assert.Equal(7.0, Single(device, "sleep_analysis", slept).Value.GetDouble());
        Assert.Equal(90, Single(device, "sleep_stage_deep", slept).Value.GetDouble());
        var ran = At($"{D}T18:00:00+01:00");
        Assert.Equal(171, Single(device, "heart_rate", ran).Value.GetProperty("max").GetDouble());
        Assert.Equal(5.0123, Single(device, "workout_distance", ran).Value.GetDouble());

        var history = await GetJsonAsync(ClientFor(factory, user), $"/api/v1/sync/history?device_id={device}");
        var push = Assert.Single(history.GetProperty("syncs").EnumerateArray());
        Assert.Equal(("push", "completed"), (push.GetProperty("sync_type").GetString(), push.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_push_with_a_wrong_or_missing_token_is_refused_and_nothing_is_taken()
    {
        var (_, device, garminUser) = await ConnectedAsync();
        var anonymous = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"{Webhook}?token=wrong", Body(GarminPush(garminUser)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Webhook, Body(GarminPush(garminUser)))).StatusCode);
        Assert.Empty(factory.Ingestion.Of(device));

        var request = new HttpRequestMessage(HttpMethod.Post, Webhook) { Content = Body(GarminPush(garminUser)) };
        request.Headers.Add("X-Webhook-Token", IntegrationsFactory.GarminWebhookToken);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_malformed_push_is_refused_whole_naming_the_bad_field()
    {
        var (_, device, garminUser) = await ConnectedAsync();
        var broken = GarminPush(garminUser).Replace("\"steps\": 10234,", "", StringComparison.Ordinal);

        var response = await factory.CreateClient().PostAsync($"{Webhook}?token={IntegrationsFactory.GarminWebhookToken}", Body(broken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("steps", await response.Content.ReadAsStringAsync());
        Assert.Empty(factory.Ingestion.Of(device));
    }

    [Fact]
    public async Task Summaries_of_garmin_users_nobody_connected_are_ignored()
    {
        var response = await factory.CreateClient().PostAsync($"{Webhook}?token={IntegrationsFactory.GarminWebhookToken}", Body(GarminPush("garmin-stranger")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await JsonAsync(response);
        Assert.Equal((0, 1), (result.GetProperty("devices").GetInt32(), result.GetProperty("ignored_users").GetInt32()));
    }

    private (System.Text.Json.JsonElement Value, string Unit, string User, string? Quality) Single(Guid device, string dataType, DateTimeOffset at) =>
        Assert.Single(factory.Ingestion.Of(device, dataType), r => r.Key.Timestamp == at && r.Key.Timestamp.Offset == at.Offset).Value;

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
