using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VitaSense.EndToEnd.Tests;

/// <summary>
/// A person registers a device with the devices service, its lifecycle event makes it theirs in ingestion, its status
/// report and readings (through ingestion and Kafka) show in its health; all through the gateway, on the real app.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DevicesFlowTests(AppFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_registered_device_accepts_readings_and_its_status_report_shows_in_its_health_for_its_owner_only()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var token = fixture.TokenFor(user);

        using var registered = await SendAsync(HttpMethod.Post, "/api/v1/devices", token, new
        {
            device_type = "smartwatch",
            device_name = "E2E watch",
            manufacturer = "Acme",
            serial_number = $"SN-{Guid.NewGuid():N}",
            capabilities = new[] { "heart_rate" },
            integration_type = "bluetooth",
            sync_settings = new { auto_sync = false, sync_interval_minutes = 15 },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var deviceId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("device_id").GetString()!;

        // Ingestion learns the owner from the lifecycle event on Kafka: uploads are admitted once it has.
        var reading = new { data_type = "heart_rate", values = new[] { new { timestamp = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"), value = 64, unit = "bpm" } } };
        await EventuallyAsync(async () =>
        {
            using var uploaded = await SendAsync(HttpMethod.Post, $"/api/v1/devices/{deviceId}/data", token, reading);
            return uploaded.StatusCode == HttpStatusCode.OK;
        });

        var key = await fixture.CreateApiKeyAsync(user);
        using (var status = new HttpRequestMessage(HttpMethod.Post, "/status")
        {
            Content = JsonContent.Create(new { device_id = deviceId, timestamp = DateTimeOffset.UtcNow.AddSeconds(-2).ToString("O"), battery_level = 15, rssi = -60, online = true }),
        })
        {
            status.Headers.Add("X-API-Key", key);
            using var posted = await fixture.Gateway.SendAsync(status);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        JsonElement health = default;
        await EventuallyAsync(async () =>
        {
            using var response = await SendAsync(HttpMethod.Get, $"/api/v1/devices/{deviceId}/health", token);
            health = await response.Content.ReadFromJsonAsync<JsonElement>();
            return response.StatusCode == HttpStatusCode.OK && health.GetProperty("battery_level").ValueKind == JsonValueKind.Number;
        });
        Assert.Equal(15, health.GetProperty("battery_level").GetInt32());
        Assert.Equal("online", health.GetProperty("status").GetString());
        Assert.Contains(health.GetProperty("warnings").EnumerateArray(), w => w.ToString().Contains("low_battery", StringComparison.Ordinal));

        var stranger = fixture.TokenFor($"user-{Guid.NewGuid():N}");
        using (var response = await SendAsync(HttpMethod.Get, $"/api/v1/devices/{deviceId}", stranger))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using (var response = await SendAsync(HttpMethod.Get, $"/api/v1/devices/{deviceId}/data", stranger))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using (var response = await SendAsync(HttpMethod.Get, $"/api/v1/devices/{deviceId}/data", token))
        {
            Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null) =>
        fixture.SendAsync(method, path, token, body);

    private static Task EventuallyAsync(Func<Task<bool>> condition) => AppFixture.EventuallyAsync(condition, Timeout);
}
