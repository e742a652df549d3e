using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static VitaSense.Ingestion.Tests.TestData;

namespace VitaSense.Ingestion.Tests;

/// <summary>The specification's endpoints over HTTP against real PostgreSQL and Redis.</summary>
public sealed class DeviceStatusApiTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    [Fact]
    public async Task An_accepted_update_is_served_as_latest_in_the_summary_and_in_the_history()
    {
        var user = NewId("user");
        var device = NewId("sensor");
        var client = ClientFor(factory, user);
        var timestamp = MinutesAgo(10);

        var post = await client.PostAsJsonAsync("/status", Status(device, timestamp, battery: 76, rssi: -60, online: true));

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var accepted = await JsonAsync(post);
        Assert.Equal("success", accepted.GetProperty("status").GetString());
        Assert.Equal("Device status updated successfully", accepted.GetProperty("message").GetString());
        Assert.Equal(device, accepted.GetProperty("device_id").GetString());

        var latest = await JsonAsync(await client.GetAsync($"/status/{device}"));
        Assert.Equal(device, latest.GetProperty("device_id").GetString());
        Assert.Equal(timestamp, latest.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(76, latest.GetProperty("battery_level").GetInt32());
        Assert.Equal(-60, latest.GetProperty("rssi").GetInt32());
        Assert.True(latest.GetProperty("online").GetBoolean());
        Assert.True(latest.GetProperty("last_updated").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        var summary = await JsonAsync(await client.GetAsync("/status/summary"));
        var entry = Assert.Single(summary.GetProperty("devices").EnumerateArray());
        Assert.Equal(device, entry.GetProperty("device_id").GetString());
        Assert.Equal(timestamp, entry.GetProperty("last_update").GetDateTimeOffset());
        Assert.Equal(1, summary.GetProperty("total_devices").GetInt32());
        Assert.Equal(1, summary.GetProperty("online_devices").GetInt32());
        Assert.Equal(0, summary.GetProperty("offline_devices").GetInt32());

        var history = await JsonAsync(await client.GetAsync($"/status/{device}/history"));
        Assert.Equal(1, history.GetProperty("total_records").GetInt32());
        Assert.False(history.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task The_summary_counts_online_and_offline_devices_of_the_caller()
    {
        var client = ClientFor(factory, NewId("user"));
        await client.PostAsJsonAsync("/status", Status(NewId("a"), MinutesAgo(3), online: true));
        await client.PostAsJsonAsync("/status", Status(NewId("b"), MinutesAgo(3), online: false));
        await client.PostAsJsonAsync("/status", Status(NewId("c"), MinutesAgo(3), online: false));

        var summary = await JsonAsync(await client.GetAsync("/status/summary"));

        Assert.Equal(3, summary.GetProperty("total_devices").GetInt32());
        Assert.Equal(1, summary.GetProperty("online_devices").GetInt32());
        Assert.Equal(2, summary.GetProperty("offline_devices").GetInt32());
    }

    [Fact]
    public async Task History_is_newest_first_and_honours_limit_since_and_has_more()
    {
        var client = ClientFor(factory, NewId("user"));
        var device = NewId("sensor");
        var times = Enumerable.Range(1, 5).Select(i => MinutesAgo(60 - i)).ToList();
        // Sent out of order on purpose.
        foreach (var time in times.OrderBy(t => t.Second).ThenByDescending(t => t))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/status", Status(device, time, battery: time.Minute % 100))).StatusCode);
        }

        var all = await JsonAsync(await client.GetAsync($"/status/{device}/history"));
        Assert.Equal(times.OrderByDescending(t => t), Timestamps(all));
        Assert.Equal(5, all.GetProperty("total_records").GetInt32());
        Assert.False(all.GetProperty("has_more").GetBoolean());

        var limited = await JsonAsync(await client.GetAsync($"/status/{device}/history?limit=2"));
        Assert.Equal(times.OrderByDescending(t => t).Take(2), Timestamps(limited));
        Assert.Equal(2, limited.GetProperty("total_records").GetInt32());
        Assert.True(limited.GetProperty("has_more").GetBoolean());

        var since = Uri.EscapeDataString(times[2].ToString("yyyy-MM-ddTHH:mm:sszzz"));
        var recent = await JsonAsync(await client.GetAsync($"/status/{device}/history?since={since}"));
        Assert.Equal(times.Skip(2).OrderByDescending(t => t), Timestamps(recent));
        Assert.False(recent.GetProperty("has_more").GetBoolean());

        var invalid = await client.GetAsync($"/status/{device}/history?limit=1001");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("value_error.number.not_le", (await JsonAsync(invalid)).GetProperty("detail")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_same_device_and_timestamp_sent_twice_is_stored_once()
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);
        var device = NewId("sensor");
        var timestamp = MinutesAgo(7);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/status", Status(device, timestamp, battery: 50))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/status", Status(device, timestamp, battery: 50))).StatusCode);
        // Concurrent duplicates land in one batch: still one row.
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostAsJsonAsync("/status", Status(device, timestamp, battery: 50))));
        Assert.All(concurrent, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        Assert.Equal(1, await HistoryRowsAsync(factory.DatabaseConnectionString, user));
        var history = await JsonAsync(await client.GetAsync($"/status/{device}/history"));
        Assert.Equal(1, history.GetProperty("total_records").GetInt32());
    }

    [Fact]
    public async Task A_late_older_update_is_kept_in_history_but_does_not_replace_the_latest()
    {
        var client = ClientFor(factory, NewId("user"));
        var device = NewId("sensor");
        var newer = MinutesAgo(5);

        await client.PostAsJsonAsync("/status", Status(device, newer, battery: 80, online: true));
        // Read once so the cache holds the newer status, then send an older one.
        Assert.Equal(80, (await JsonAsync(await client.GetAsync($"/status/{device}"))).GetProperty("battery_level").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/status", Status(device, newer.AddMinutes(-30), battery: 20, online: false))).StatusCode);

        var latest = await JsonAsync(await client.GetAsync($"/status/{device}"));
        Assert.Equal(newer, latest.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(80, latest.GetProperty("battery_level").GetInt32());
        var summary = await JsonAsync(await client.GetAsync("/status/summary"));
        Assert.Equal(80, summary.GetProperty("devices")[0].GetProperty("battery_level").GetInt32());
        var history = await JsonAsync(await client.GetAsync($"/status/{device}/history"));
        Assert.Equal(2, history.GetProperty("total_records").GetInt32());

        // And a newer one does replace it, in the cache too.
        await client.PostAsJsonAsync("/status", Status(device, newer.AddMinutes(1), battery: 79));
        Assert.Equal(79, (await JsonAsync(await client.GetAsync($"/status/{device}"))).GetProperty("battery_level").GetInt32());
    }

    [Fact]
    public async Task An_unknown_device_is_404_with_the_specification_message()
    {
        var client = ClientFor(factory, NewId("user"));

        foreach (var path in new[] { "/status/sensor-xyz-999", "/status/sensor-xyz-999/history" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Device sensor-xyz-999 not found", (await JsonAsync(response)).GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Health_reports_the_database_connected()
    {
        var response = await factory.CreateClient().GetAsync("/health");

        var health = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("connected", health.GetProperty("database").GetString());
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("kafka").GetProperty("status").GetString());
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_status_endpoints()
    {
        var document = await JsonAsync(await factory.CreateClient().GetAsync("/openapi/v1.json"));

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/status", out var post));
        Assert.Equal("Submit a device status update", post.GetProperty("post").GetProperty("summary").GetString());
        Assert.True(paths.TryGetProperty("/status/{device_id}/history", out _));
        Assert.True(paths.TryGetProperty("/api/v1/api-keys", out _));
    }

    private static IEnumerable<DateTimeOffset> Timestamps(JsonElement history) =>
        history.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("timestamp").GetDateTimeOffset()).ToList();
}
