using System.Net;
using System.Security.Cryptography;
using System.Text;
using static VitaSense.Devices.Tests.DeviceTestData;
using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>Oura webhooks: the subscription handshake, signed events starting a sync of the user's Oura devices, forged events refused.</summary>
public sealed class OuraWebhookTests(IntegrationsFactory factory) : IClassFixture<IntegrationsFactory>
{
    private const string Webhook = "/api/v1/integrations/oura/webhook";

    private static HttpRequestMessage Event(string body, string? secret = "secret-oura")
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, Webhook) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-oura-timestamp", timestamp);
        if (secret is not null)
        {
            request.Headers.Add("x-oura-signature", Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + body))));
        }
        return request;
    }

    [Fact]
    public async Task The_subscription_handshake_echoes_the_challenge_only_for_the_configured_token()
    {
        var anonymous = factory.CreateClient();

        var ok = await anonymous.GetAsync($"{Webhook}?verification_token={IntegrationsFactory.OuraWebhookToken}&challenge=abc123");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("abc123", (await JsonAsync(ok)).GetProperty("challenge").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{Webhook}?verification_token=guess&challenge=abc123")).StatusCode);
    }

    [Fact]
    public async Task A_signed_event_starts_a_sync_of_the_users_oura_devices_and_a_forged_one_is_refused()
    {
        var user = NewUser();
        var ouraUser = $"oura-{Guid.NewGuid():N}";
        factory.OuraUserId = ouraUser;
        var client = ClientFor(factory, user);
        var device = await ConnectedDeviceAsync(client, "oura");
        var body = $$"""{"event_type": "create", "data_type": "sleep", "object_id": "sl-9", "event_time": "{{DateTimeOffset.UtcNow:o}}", "user_id": "{{ouraUser}}"}""";
        var anonymous = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Event(body, secret: "wrong"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Event(body, secret: null))).StatusCode);
        Assert.Empty(factory.Ingestion.Of(device));

        var response = await anonymous.SendAsync(Event(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var syncId = Assert.Single((await JsonAsync(response)).GetProperty("syncs").EnumerateArray()).GetGuid();
        AssertCompleted(await WaitForSyncAsync(client, device, syncId));
        Assert.NotEmpty(factory.Ingestion.Of(device, "sleep_analysis"));

        var stranger = await anonymous.SendAsync(Event(body.Replace(ouraUser, "oura-nobody", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, stranger.StatusCode);
        Assert.True((await JsonAsync(stranger)).GetProperty("ignored").GetBoolean());
    }
}
