using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace VitaSense.EndToEnd.Tests;

/// <summary>
/// Health Auto Export → gateway → ingestion → device-data-raw → agents → device-data-processed → tracking: readings a
/// person synced show up in their heart rate and metrics, marked as device data, next to what they entered by hand,
/// and nowhere else; on the real app, through the gateway.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TrackingFlowTests(AppFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Synced_heart_rate_and_weight_appear_in_tracking_as_device_data_beside_manual_entries()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var token = fixture.TokenFor(user);
        var key = await fixture.CreateApiKeyAsync(user);
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        start = new DateTimeOffset(start.Ticks - start.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

        var heartRate = string.Join(",", Enumerable.Range(0, 10).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""{"Min": 60, "Avg": {{62 + i % 3}}, "Max": 66, "date": "{{Local(start.AddMinutes(i))}}", "source": "My Apple Watch"}""")));
        var weight = $$"""{"qty": 165.3, "date": "{{Local(start.AddMinutes(30))}}", "source": "Smart Scale"}""";
        var body = $$$"""{"data": {"metrics": [{"name": "heart_rate", "units": "count/min", "data": [{{{heartRate}}}]}, {"name": "weight_body_mass", "units": "lb", "data": [{{{weight}}}]}]}}""";
        using (var sync = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sync") { Content = new StringContent(body, Encoding.UTF8, "application/json") })
        {
            sync.Headers.Add("X-API-Key", key);
            using var synced = await fixture.Gateway.SendAsync(sync);
            Assert.Equal(HttpStatusCode.OK, synced.StatusCode);
        }

        using (var manual = await SendAsync(HttpMethod.Post, "/api/v1/heart-rate", token, new { timestamp = start.AddMinutes(45).ToString("O"), bpm = 58, context = "resting" }))
        {
            Assert.Equal(HttpStatusCode.Created, manual.StatusCode);
        }

        var range = $"start_date={Uri.EscapeDataString(start.AddMinutes(-1).ToString("O"))}&end_date={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}&limit=100";
        List<JsonElement> samples = [];
        await EventuallyAsync(async () =>
        {
            samples = await ItemsAsync($"/api/v1/heart-rate?{range}", token);
            return samples.Count(s => s.GetProperty("source").GetString() == "device") == 10;
        });
        Assert.Single(samples, s => s.GetProperty("source").GetString() == "manual" && s.GetProperty("bpm").GetDouble() == 58);
        Assert.All(samples.Where(s => s.GetProperty("source").GetString() == "device"), s => Assert.InRange(s.GetProperty("bpm").GetDouble(), 62, 64));

        List<JsonElement> weights = [];
        await EventuallyAsync(async () =>
        {
            weights = await ItemsAsync($"/api/v1/metrics?metric_type=weight_body_mass&{range}", token);
            return weights.Count == 1;
        });
        Assert.Equal("device", weights[0].GetProperty("source").GetString());
        Assert.Equal(165.3 * 0.45359237, weights[0].GetProperty("value").GetDouble(), 3);

        var stranger = fixture.TokenFor($"user-{Guid.NewGuid():N}");
        Assert.Empty(await ItemsAsync($"/api/v1/heart-rate?{range}", stranger));
    }

    private static string Local(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(-7)).ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture) + "-0700";

    private async Task<List<JsonElement>> ItemsAsync(string path, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null) =>
        fixture.SendAsync(method, path, token, body);

    private static Task EventuallyAsync(Func<Task<bool>> condition) => AppFixture.EventuallyAsync(condition, Timeout);
}
