using System.Net;
using VitaSense.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VitaSense.Contracts.Events;
using VitaSense.Tracking.Services.Analytics;
using static VitaSense.Tracking.Tests.Analytics.InsightsTestData;

namespace VitaSense.Tracking.Tests.Analytics;

/// <summary>device-anomalies events become the user's /api/v1/analytics/anomalies, once each, filtered and paginated.</summary>
public sealed class AnomaliesApiTests(InsightsFactory factory) : IClassFixture<InsightsFactory>
{
    private const string Anomalies = "/api/v1/analytics/anomalies";

    private static DeviceAnomalyDetected Finding(string user, string type, string severity, DateTimeOffset at) => new()
    {
        UserId = user,
        DeviceId = "watch-1",
        AnomalyType = type,
        Severity = severity,
        Description = $"{type} on watch-1",
        DetectedAt = at,
        Values = new Dictionary<string, double> { ["value"] = 42, ["threshold"] = 40 },
    };

    [Fact]
    public async Task Anomalies_are_stored_once_per_event_and_listed_per_user_newest_first_with_filters()
    {
        var db = await factory.ReadyDatabaseAsync();
        var user = NewUser();
        var other = NewUser();
        var now = DateTimeOffset.UtcNow;
        var t1 = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero).AddDays(-3);
        var duplicateId = Guid.NewGuid().ToString();
        await PublishAsync(factory, Topics.DeviceAnomalies, EventTypes.DeviceAnomalyDetected, "watch-1", Finding(user, "low_battery", "warning", t1), duplicateId);
        await PublishAsync(factory, Topics.DeviceAnomalies, EventTypes.DeviceAnomalyDetected, "watch-1", Finding(user, "low_battery", "warning", t1), duplicateId);
        await PublishAsync(factory, Topics.DeviceAnomalies, EventTypes.DeviceAnomalyDetected, "watch-1", Finding(user, "heart_rate_spike", "critical", t1.AddDays(1)));
        await PublishAsync(factory, Topics.DeviceAnomalies, EventTypes.DeviceAnomalyDetected, "watch-1", Finding(user, "device_silent", "info", t1.AddDays(2)));
        await PublishAsync(factory, Topics.DeviceAnomalies, EventTypes.DeviceAnomalyDetected, "watch-2", Finding(other, "low_battery", "warning", t1));

        await WaitUntilAsync(async () => await CountAsync(db, "SELECT count(*) FROM tracking.anomalies WHERE user_id = @u", ("u", other)) == 1, "the other user's anomaly");
        await WaitUntilAsync(async () => await CountAsync(db, "SELECT count(*) FROM tracking.anomalies WHERE user_id = @u", ("u", user)) == 3, "the user's anomalies");
        var client = ClientFor(factory, user);

        var all = await JsonAsync(await client.GetAsync(Anomalies));
        Assert.Equal(3, all.GetProperty("total").GetInt64());
        var list = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["device_silent", "heart_rate_spike", "low_battery"], list.Select(a => a.GetProperty("anomaly_type").GetString()));
        Assert.Equal(duplicateId, list[2].GetProperty("id").GetString());
        Assert.Equal("low_battery on watch-1", list[2].GetProperty("description").GetString());
        Assert.Equal(42, list[2].GetProperty("value").GetDouble());
        Assert.Equal(40, list[2].GetProperty("values").GetProperty("threshold").GetDouble());
        Assert.Equal(t1, list[2].GetProperty("detected_at").GetDateTimeOffset());
        Assert.True(factory.Services.GetServices<IHostedService>().OfType<AnomalyConsumer>().Single().Statistics.Snapshot().Duplicates >= 1);

        var critical = await JsonAsync(await client.GetAsync($"{Anomalies}?severity=critical"));
        Assert.Equal("heart_rate_spike", Assert.Single(critical.GetProperty("items").EnumerateArray()).GetProperty("anomaly_type").GetString());
        var ranged = await JsonAsync(await client.GetAsync($"{Anomalies}?start={Uri.EscapeDataString(t1.AddHours(1).ToString("O"))}&end={Uri.EscapeDataString(t1.AddDays(1).ToString("O"))}"));
        Assert.Equal("heart_rate_spike", Assert.Single(ranged.GetProperty("items").EnumerateArray()).GetProperty("anomaly_type").GetString());
        var page = await JsonAsync(await client.GetAsync($"{Anomalies}?limit=1&offset=1"));
        Assert.Equal(3, page.GetProperty("total").GetInt64());
        Assert.Equal("heart_rate_spike", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("anomaly_type").GetString());

        var others = await JsonAsync(await ClientFor(factory, other).GetAsync(Anomalies));
        Assert.Equal(1, others.GetProperty("total").GetInt64());
        Assert.Equal(0, (await JsonAsync(await ClientFor(factory, NewUser()).GetAsync(Anomalies))).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task An_anomaly_without_a_user_goes_to_the_dead_letter_topic_and_the_next_one_is_stored()
    {
        var db = await factory.ReadyDatabaseAsync();
        var user = NewUser();
        var device = $"watch-{Guid.NewGuid():N}";
        await PublishAsync(factory, Topics.DeviceAnomalies, EventTypes.DeviceAnomalyDetected, device, Finding("", "low_battery", "warning", DateTimeOffset.UtcNow));
        await PublishAsync(factory, Topics.DeviceAnomalies, EventTypes.DeviceAnomalyDetected, device, Finding(user, "low_battery", "warning", DateTimeOffset.UtcNow));
        await WaitUntilAsync(async () => await CountAsync(db, "SELECT count(*) FROM tracking.anomalies WHERE user_id = @u", ("u", user)) == 1, "the valid anomaly");

        // Messages are processed in order within the device's partition: the poison one was dead-lettered before the valid one was stored.
        var statistics = factory.Services.GetServices<IHostedService>().OfType<AnomalyConsumer>().Single().Statistics.Snapshot();
        Assert.True(statistics.DeadLettered >= 1);
        Assert.True(statistics.Produced.GetValueOrDefault(Topics.DeadLetter(factory.AnomalyGroup)) >= 1);
    }

    [Theory]
    [InlineData("severity=apocalyptic", "severity")]
    [InlineData("start=someday", "start")]
    [InlineData("start=2024-02-01&end=2024-01-01", "start")]
    [InlineData("limit=0", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task Bad_filters_are_a_400_naming_the_field(string query, string field)
    {
        var response = await ClientFor(factory, NewUser()).GetAsync($"{Anomalies}?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Every_analytics_endpoint_needs_a_token()
    {
        var anonymous = factory.CreateClient();
        foreach (var path in new[] { Anomalies, "/api/v1/analytics/trends", "/api/v1/analytics/correlations", "/api/v1/analytics/recommendations" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_insights_endpoints()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await JsonAsync(response)).GetProperty("paths");
        foreach (var path in new[] { "/api/v1/goals", "/api/v1/goals/{goal_id}", "/api/v1/goals/{goal_id}/progress", "/api/v1/sleep/analysis",
            "/api/v1/analytics/trends", "/api/v1/analytics/correlations", "/api/v1/analytics/recommendations", Anomalies })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document.");
        }
    }
}
