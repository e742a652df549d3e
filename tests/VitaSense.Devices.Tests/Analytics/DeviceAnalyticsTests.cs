using System.Net;
using System.Text.Json;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using static VitaSense.Devices.Tests.DeviceTestData;

namespace VitaSense.Devices.Tests.Analytics;

/// <summary><c>/api/v1/analytics/device-usage</c> and <c>/data-quality</c> from events consumed off real Kafka.</summary>
public sealed class DeviceAnalyticsTests(DevicesFactory factory) : IClassFixture<DevicesFactory>
{
    private static DateTimeOffset Today => new(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);

    private Task ReadingsAsync(Guid device, string user, params DateTimeOffset[] at) =>
        PublishAsync(factory, Topics.DeviceDataRaw, EventTypes.ObservationsIngested, device.ToString(), new ObservationsIngested
        {
            UserId = user, DeviceId = device.ToString(), Source = device.ToString(), Metric = "step_count", Unit = "count", Origin = "device_upload",
            Observations = at.Select(t => new ObservationPoint { Timestamp = t, Value = 100 }).ToList(),
        });

    private Task IssueAsync(Guid device, string user, string type, string severity, string? issueId = null) =>
        PublishAsync(factory, Topics.DataQualityIssues, EventTypes.DataQualityIssue, device.ToString(), new DataQualityIssueDetected
        {
            IssueId = issueId ?? Guid.NewGuid().ToString(), UserId = user, DeviceId = device.ToString(), Source = device.ToString(), Metric = "step_count",
            IssueType = type, Severity = severity, Timestamp = DateTimeOffset.UtcNow.AddMinutes(-1), Detail = "test", DetectedAt = DateTimeOffset.UtcNow,
        });

    [Fact]
    public async Task Device_usage_counts_days_with_data_readings_and_reports_per_device_within_the_period()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var busy = await RegisterAsync(client);
        var idle = await RegisterAsync(client);

        await ReadingsAsync(busy, user, Today.AddDays(-40).AddHours(8), Today.AddDays(-3).AddHours(8), Today.AddDays(-3).AddHours(9));
        await PublishAsync(factory, Topics.DeviceDataRaw, EventTypes.DeviceStatusReported, busy.ToString(), new DeviceStatusReported
        {
            UserId = user, DeviceId = busy.ToString(), Timestamp = DateTimeOffset.UtcNow.AddSeconds(-10), BatteryLevel = 50, Rssi = -60, Online = true,
        });

        JsonElement usage = default;
        await WaitUntilAsync(async () =>
            (usage = await GetJsonAsync(client, "/api/v1/analytics/device-usage")).GetProperty("devices")[0].GetProperty("status_reports").GetInt64() == 1,
            "the status report to be counted");
        Assert.Equal(30, usage.GetProperty("period_days").GetInt32());
        Assert.Equal(2, usage.GetProperty("total_devices").GetInt32());
        Assert.Equal(1, usage.GetProperty("status_counts").GetProperty("online").GetInt32());
        Assert.Equal(1, usage.GetProperty("status_counts").GetProperty("unknown").GetInt32());
        var rows = usage.GetProperty("devices").EnumerateArray().ToList();
        Assert.Equal([busy, idle], rows.Select(r => r.GetProperty("device_id").GetGuid()));
        // Day -40 is outside the 30 days; day -3 (two readings) and today (the report) are in.
        Assert.Equal(2, rows[0].GetProperty("days_with_data").GetInt32());
        Assert.Equal(2, rows[0].GetProperty("observations").GetInt64());
        Assert.Equal("online", rows[0].GetProperty("status").GetString());
        Assert.Equal(0, rows[1].GetProperty("days_with_data").GetInt32());
        Assert.Equal("fitbit_charge_5", rows[1].GetProperty("device_type").GetString());

        var week = await GetJsonAsync(client, "/api/v1/analytics/device-usage?days=2");
        Assert.Equal(1, week.GetProperty("devices")[0].GetProperty("days_with_data").GetInt32());
        Assert.Equal(0, week.GetProperty("devices")[0].GetProperty("observations").GetInt64());
    }

    [Fact]
    public async Task Data_quality_counts_issues_by_type_and_severity_once_each_and_scores_against_readings()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var device = await RegisterAsync(client);
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        await ReadingsAsync(device, user, Enumerable.Range(0, 10).Select(i => now.AddSeconds(i)).ToArray());
        var repeated = Guid.NewGuid().ToString();
        await IssueAsync(device, user, "outlier", "warning", repeated);
        await IssueAsync(device, user, "outlier", "warning", repeated);
        await IssueAsync(device, user, "out_of_range", "critical");
        await IssueAsync(device, NewUser(), "gap", "info");

        JsonElement quality = default;
        await WaitUntilAsync(async () =>
            (quality = await GetJsonAsync(client, "/api/v1/analytics/data-quality")).GetProperty("total_issues").GetInt64() == 2
            && quality.GetProperty("devices")[0].GetProperty("observations").GetInt64() == 10,
            "the issues and readings to be counted");
        await Task.Delay(1000);
        quality = await GetJsonAsync(client, "/api/v1/analytics/data-quality");

        Assert.Equal(2, quality.GetProperty("total_issues").GetInt64());
        var row = Assert.Single(quality.GetProperty("devices").EnumerateArray());
        Assert.Equal(device, row.GetProperty("device_id").GetGuid());
        Assert.Equal(1, row.GetProperty("issues_by_type").GetProperty("outlier").GetInt64());
        Assert.Equal(1, row.GetProperty("issues_by_type").GetProperty("out_of_range").GetInt64());
        Assert.False(row.GetProperty("issues_by_type").TryGetProperty("gap", out _));
        Assert.Equal(1, row.GetProperty("issues_by_severity").GetProperty("critical").GetInt64());
        Assert.Equal(0.8, row.GetProperty("quality_score").GetDouble(), 6);
    }

    [Fact]
    public async Task A_bad_period_is_400_naming_days_and_analytics_need_a_token()
    {
        var client = ClientFor(factory, NewUser());
        foreach (var path in new[] { "/api/v1/analytics/device-usage?days=0", "/api/v1/analytics/data-quality?days=366", "/api/v1/analytics/data-quality?days=x" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("days", out _));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/analytics/device-usage")).StatusCode);
        Assert.Equal(0, (await GetJsonAsync(client, "/api/v1/analytics/device-usage")).GetProperty("total_devices").GetInt32());
    }
}
