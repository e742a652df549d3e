using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using static VitaSense.Devices.Tests.DeviceTestData;
using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;

namespace VitaSense.Devices.Tests.FakeVendor;

/// <summary>
/// The README's vendor walk-through against the real <c>tools/VitaSense.FakeVendor</c>: connect Oura with any code,
/// list and import the ring, sync it, and find in ingestion exactly what the fake vendor serves, mapped by the Oura
/// connector. Also what the fake vendor refuses, since the README has people try things against it.
/// </summary>
public sealed class FakeVendorTests(FakeVendorFactory factory) : IClassFixture<FakeVendorFactory>
{
    // The README's request: the stand-in takes any code.
    private const string Code = "code-from-oura-redirect";
    private const string CallbackUri = "https://app.example/oura/callback";

    // The fake vendor's history cap (OuraApi.MaxDays) and page size.
    private const int MaxDays = 3;
    private const int PageSize = 288;

    private static readonly string[] Collections = ["personal_info", "ring_configuration", "heartrate", "daily_sleep", "sleep"];

    [Fact]
    public async Task Readme_flow_connects_imports_and_syncs_what_the_fake_vendor_serves()
    {
        await factory.Vendor.WaitUntilAliveAsync(DeviceTestData.Timeout, "/health");
        var client = ClientFor(factory, NewUser());

        var oura = (await GetJsonAsync(client, "/api/v1/integrations")).GetProperty("integrations").EnumerateArray()
            .Single(i => i.GetProperty("type").GetString() == "oura");
        Assert.Equal(("available", false), (oura.GetProperty("status").GetString(), oura.GetProperty("connected").GetBoolean()));
        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync("/api/v1/integrations/oura/devices")).StatusCode);

        var connect = await client.PostAsJsonAsync("/api/v1/integrations/oura/auth", new { code = Code, redirect_uri = CallbackUri });
        Assert.True(connect.StatusCode == HttpStatusCode.OK, $"connect: {(int)connect.StatusCode} {await connect.Content.ReadAsStringAsync()}\n{factory.Vendor.OutputTail}");
        var connected = await JsonAsync(connect);
        Assert.True(connected.GetProperty("connected").GetBoolean());
        Assert.Equal("personal daily heartrate", connected.GetProperty("scope").GetString());
        // The fake vendor's tokens live a day (expires_in 86400).
        Assert.InRange(connected.GetProperty("expires_at").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddDays(1).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        var listed = await GetJsonAsync(client, "/api/v1/integrations/oura/devices");
        var ring = Assert.Single(listed.GetProperty("devices").EnumerateArray());
        Assert.Equal(
            ("fake-ring-1", "smart_ring", "Oura Ring (gen3)", "Oura", "gen3", "2.9.1"),
            (Text(ring, "vendor_device_id"), Text(ring, "device_type"), Text(ring, "device_name"), Text(ring, "manufacturer"), Text(ring, "model"), Text(ring, "firmware_version")));

        var import = await client.PostAsync("/api/v1/integrations/oura/import", null);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var imported = await JsonAsync(import);
        Assert.Equal((1, 0), (imported.GetProperty("imported").GetInt32(), imported.GetProperty("already_imported").GetInt32()));
        var device = Assert.Single(imported.GetProperty("devices").EnumerateArray()).GetProperty("device_id").GetGuid();

        var first = await SyncAsync(client, device);

        Assert.True(first.GetProperty("status").GetString() == "completed", $"sync not completed: {first}\n{factory.Vendor.OutputTail}");
        var heart = factory.Ingestion.Of(device, "heart_rate");
        var until = await CursorAsync(device, "heartrate");
        // The whole history the fake vendor keeps, up to where the sync stopped.
        Assert.InRange(heart[0].Key.Timestamp, until.AddDays(-MaxDays).AddMinutes(-5), until.AddDays(-MaxDays).AddMinutes(1));
        // The connector asks up to its cursor truncated to the second; readings come every five minutes.
        Assert.True(heart[^1].Key.Timestamp < until && heart[^1].Key.Timestamp >= until.AddMinutes(-5).AddSeconds(-1), $"last reading {heart[^1].Key.Timestamp:o}, cursor {until:o}");

        // Every reading the fake vendor serves for that window arrived as it was served. Asked again now, the vendor's
        // three-day cap may have moved past the first reading or two.
        var served = await ServedHeartRateAsync(heart[0].Key.Timestamp, until);
        Assert.True(served.Count >= MaxDays * PageSize - 2, $"the fake vendor served {served.Count} heart rate readings");
        var byTime = heart.ToDictionary(r => r.Key.Timestamp, r => r.Value);
        foreach (var (at, bpm, source) in served)
        {
            Assert.True(byTime.TryGetValue(at, out var reading), $"heart rate at {at:o} was served but not synced");
            Assert.Equal((bpm, "count/min", (string?)source), (reading.Value.GetDouble(), reading.Unit, reading.Quality));
        }
        Assert.InRange(heart.Count - served.Count, 0, 2);
        Assert.All(heart.Take(heart.Count - served.Count), r => Assert.True(r.Key.Timestamp < served[0].At));

        // One night per morning in the window, with the fake vendor's numbers, at the times it serves.
        var nights = Nights(until);
        Assert.Equal(MaxDays, nights.Count);
        foreach (var day in nights)
        {
            AssertNight(device, day);
        }

        var total = factory.Ingestion.Of(device).Count;
        // A score and eight readings of the sleep period per night, nothing else.
        Assert.Equal(heart.Count + nights.Count * 9, total);
        Assert.Equal(total, first.GetProperty("records_processed").GetInt32());
        var details = first.GetProperty("error_details");
        Assert.Equal((total, 0), (details.GetProperty("accepted").GetInt32(), details.GetProperty("duplicates").GetInt32()));
        // Heart rate pages plus one call each for daily_sleep and sleep: the connector followed every next_token.
        Assert.Equal((heart.Count + PageSize - 1) / PageSize + 2, details.GetProperty("vendor_calls").GetInt32());

        // A second sync starts from the cursors: at most the readings of the minutes in between.
        var second = await SyncAsync(client, device);

        AssertCompleted(second);
        var added = second.GetProperty("records_processed").GetInt32();
        Assert.InRange(added, 0, 2);
        Assert.Equal(0, second.GetProperty("error_details").GetProperty("duplicates").GetInt32());
        Assert.Equal(3, second.GetProperty("error_details").GetProperty("vendor_calls").GetInt32());
        Assert.Equal(total + added, factory.Ingestion.Of(device).Count);
    }

    [Fact]
    public async Task The_fake_vendor_refuses_token_requests_without_a_code_and_data_calls_without_an_access_token()
    {
        await factory.Vendor.WaitUntilAliveAsync(DeviceTestData.Timeout, "/health");
        using var vendor = new HttpClient { BaseAddress = factory.Vendor.BaseUrl };

        await AssertInvalidGrantAsync(vendor, ("grant_type", "authorization_code"), ("redirect_uri", CallbackUri));
        await AssertInvalidGrantAsync(vendor, ("grant_type", "authorization_code"), ("code", ""), ("redirect_uri", CallbackUri));
        await AssertInvalidGrantAsync(vendor, ("grant_type", "password"), ("code", Code));
        await AssertInvalidGrantAsync(vendor, ("grant_type", "refresh_token"));
        var json = await vendor.PostAsJsonAsync("/oauth/token", new { grant_type = "authorization_code", code = Code });
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal("invalid_request", (await JsonAsync(json)).GetProperty("error").GetString());
        var tokens = await TokensAsync(vendor, ("grant_type", "authorization_code"), ("code", Code), ("redirect_uri", CallbackUri));
        // An access token is no refresh token.
        await AssertInvalidGrantAsync(vendor, ("grant_type", "refresh_token"), ("refresh_token", tokens.Access));
        var refreshed = await TokensAsync(vendor, ("grant_type", "refresh_token"), ("refresh_token", tokens.Refresh));
        Assert.NotEqual(tokens.Access, refreshed.Access);

        foreach (var collection in Collections)
        {
            var path = $"/v2/usercollection/{collection}";
            Assert.Equal(HttpStatusCode.Unauthorized, (await vendor.SendAsync(new HttpRequestMessage(HttpMethod.Get, path))).StatusCode);
            foreach (var wrong in new[] { new AuthenticationHeaderValue("Bearer", tokens.Refresh), new AuthenticationHeaderValue("Basic", "dml0YXNlbnNlLWxvY2FsOm5vdC1hLXNlY3JldA==") })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = wrong } };
                Assert.Equal(HttpStatusCode.Unauthorized, (await vendor.SendAsync(request)).StatusCode);
            }
            using var authorized = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new("Bearer", refreshed.Access) } };
            Assert.Equal(HttpStatusCode.OK, (await vendor.SendAsync(authorized)).StatusCode);
        }

        // Through the devices service, a missing code never reaches the vendor: 400 naming the field.
        var client = ClientFor(factory, NewUser());
        var response = await client.PostAsJsonAsync("/api/v1/integrations/oura/auth", new { redirect_uri = CallbackUri });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("code", out _));
    }

    private void AssertNight(Guid device, DateOnly day)
    {
        var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Assert.Equal((75.0 + day.Day % 15, "score"), Reading(device, "sleep_score", midnight));
        // The night before, 23:05 UTC: the sleep period's bedtime_start.
        var bedtime = midnight.AddMinutes(-55);
        Assert.Equal((7.0, "hr"), Reading(device, "sleep_analysis", bedtime));
        Assert.Equal((90.0, "min"), Reading(device, "sleep_stage_deep", bedtime));
        Assert.Equal((240.0, "min"), Reading(device, "sleep_stage_light", bedtime));
        Assert.Equal((90.0, "min"), Reading(device, "sleep_stage_rem", bedtime));
        Assert.Equal((30.0, "min"), Reading(device, "sleep_stage_awake", bedtime));
        Assert.Equal((14.5, "count/min"), Reading(device, "respiratory_rate", bedtime));
        Assert.Equal((48.0 + day.Day % 4, "count/min"), Reading(device, "resting_heart_rate", bedtime));
        Assert.Equal((58.0 + day.Day % 10, "ms"), Reading(device, "heart_rate_variability_rmssd", bedtime));
    }

    private (double Value, string Unit) Reading(Guid device, string dataType, DateTimeOffset at)
    {
        var found = factory.Ingestion.Of(device, dataType).Where(r => r.Key.Timestamp == at).ToList();
        Assert.True(found.Count == 1, $"no {dataType} at {at:o}; have {string.Join(", ", factory.Ingestion.Of(device).Where(r => r.Key.DataType != "heart_rate").Select(r => $"{r.Key.DataType}@{r.Key.Timestamp:o}"))}");
        return (found[0].Value.Value.GetDouble(), found[0].Value.Unit);
    }

    // The mornings whose night has ended by the cursor's day: the fake vendor's date range is the last MaxDays days,
    // ending at the start of the cursor's day.
    private static List<DateOnly> Nights(DateTimeOffset until)
    {
        var last = DateOnly.FromDateTime(until.UtcDateTime);
        var nights = new List<DateOnly>();
        for (var day = DateOnly.FromDateTime(until.AddDays(-MaxDays).UtcDateTime); day < last; day = day.AddDays(1))
        {
            nights.Add(day);
        }
        return nights;
    }

    private async Task<DateTimeOffset> CursorAsync(Guid device, string dataType)
    {
        var until = await ScalarAsync(factory.DatabaseConnectionString,
            "SELECT last_fetched_until FROM devices.sync_cursors WHERE device_id = @device AND data_type = @type", ("device", device), ("type", dataType));
        Assert.True(until is DateTime, $"no {dataType} cursor after the sync");
        return new DateTimeOffset(DateTime.SpecifyKind((DateTime)until!, DateTimeKind.Utc));
    }

    // The fake vendor's heart rate for [from, to), every page, asked with a connection of the test's own.
    private async Task<List<(DateTimeOffset At, double Bpm, string Source)>> ServedHeartRateAsync(DateTimeOffset from, DateTimeOffset to)
    {
        using var vendor = new HttpClient { BaseAddress = factory.Vendor.BaseUrl };
        var tokens = await TokensAsync(vendor, ("grant_type", "authorization_code"), ("code", Code), ("redirect_uri", CallbackUri));
        vendor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Access);
        var query = $"/v2/usercollection/heartrate?start_datetime={Uri.EscapeDataString(Iso(from))}&end_datetime={Uri.EscapeDataString(Iso(to))}";
        var readings = new List<(DateTimeOffset, double, string)>();
        string? next = null;
        do
        {
            var page = await GetJsonAsync(vendor, next is null ? query : $"{query}&next_token={Uri.EscapeDataString(next)}");
            readings.AddRange(page.GetProperty("data").EnumerateArray().Select(r =>
                (r.GetProperty("timestamp").GetDateTimeOffset(), r.GetProperty("bpm").GetDouble(), r.GetProperty("source").GetString()!)));
            next = page.GetProperty("next_token").GetString();
        }
        while (next is not null);
        return readings;
    }

    private static async Task<(string Access, string Refresh)> TokensAsync(HttpClient vendor, params (string Name, string Value)[] form)
    {
        var response = await vendor.PostAsync("/oauth/token", Form(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        return (body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!);
    }

    private static async Task AssertInvalidGrantAsync(HttpClient vendor, params (string Name, string Value)[] form)
    {
        var response = await vendor.PostAsync("/oauth/token", Form(form));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{string.Join('&', form.Select(f => $"{f.Name}={f.Value}"))}: {(int)response.StatusCode}");
        Assert.Equal("invalid_grant", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    private static FormUrlEncodedContent Form((string Name, string Value)[] form) =>
        new(form.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();
}
