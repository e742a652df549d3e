using System.Net;
using System.Text.Json;
using VitaSense.Tracking.Tests.Goals;
using static VitaSense.Tracking.Tests.Analytics.InsightsTestData;

namespace VitaSense.Tracking.Tests.Analytics;

/// <summary>/api/v1/analytics/trends, /correlations and /recommendations on known series inserted with SQL.</summary>
public sealed class AnalyticsApiTests(InsightsFactory factory) : IClassFixture<InsightsFactory>
{
    [Fact]
    public async Task A_linear_series_gives_its_slope_significant_and_alternating_noise_gives_no_direction()
    {
        var db = await factory.ReadyDatabaseAsync();
        var user = NewUser();
        var today = Today("UTC");
        for (var i = 0; i < 30; i++)
        {
            var day = today.AddDays(-29 + i);
            await MetricAsync(db, user, "resting_heart_rate", At("UTC", day, new TimeOnly(6, 0)), 60 + 0.2 * i);
            await MetricAsync(db, user, "step_count", At("UTC", day, new TimeOnly(20, 0)), i % 2 == 0 ? 8000 : 12000);
        }
        // Another user's falling heart rate must not bend this user's line.
        for (var i = 0; i < 30; i++)
        {
            await MetricAsync(db, NewUser(), "resting_heart_rate", At("UTC", today.AddDays(-i), new TimeOnly(6, 0)), 90 + i);
        }

        var response = await ClientFor(factory, user).GetAsync("/api/v1/analytics/trends?metric_type=resting_heart_rate,steps&window=15&windows=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await JsonAsync(response);
        Assert.Equal(15, report.GetProperty("window_days").GetInt32());
        var trends = report.GetProperty("trends").EnumerateArray().ToDictionary(t => t.GetProperty("metric_type").GetString()!);

        var heart = trends["resting_heart_rate"].GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(2, heart.Count);
        Assert.Equal(today.ToString("yyyy-MM-dd"), heart[0].GetProperty("end_date").GetString());
        Assert.Equal(today.AddDays(-14).ToString("yyyy-MM-dd"), heart[0].GetProperty("start_date").GetString());
        Assert.Equal(today.AddDays(-15).ToString("yyyy-MM-dd"), heart[1].GetProperty("end_date").GetString());
        foreach (var window in heart)
        {
            var trend = window.GetProperty("trend");
            Assert.Equal(15, trend.GetProperty("n").GetInt32());
            Assert.Equal(0.2, trend.GetProperty("slope_per_day").GetDouble(), 6);
            Assert.Equal(1.4, trend.GetProperty("slope_per_week").GetDouble(), 6);
            Assert.True(trend.GetProperty("p_value").GetDouble() < 0.05);
            Assert.Equal("increasing", trend.GetProperty("direction").GetString());
            Assert.True(window.GetProperty("worsening").GetBoolean());
        }
        Assert.Equal(60 + 0.2 * 22, heart[0].GetProperty("mean").GetDouble(), 6);

        var steps = trends["steps"].GetProperty("windows")[0];
        Assert.True(steps.GetProperty("trend").GetProperty("p_value").GetDouble() >= 0.05);
        Assert.False(steps.GetProperty("trend").GetProperty("significant").GetBoolean());
        Assert.Equal(JsonValueKind.Null, steps.GetProperty("trend").GetProperty("direction").ValueKind);
        Assert.False(steps.GetProperty("worsening").GetBoolean());
    }

    [Theory]
    [InlineData("metric_type=Heart Rate!", "metric_type")]
    [InlineData("window=1", "window")]
    [InlineData("windows=99", "windows")]
    public async Task Bad_trend_parameters_are_a_400_naming_them(string query, string field)
    {
        var response = await ClientFor(factory, NewUser()).GetAsync($"/api/v1/analytics/trends?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Correlations_align_local_days_report_pearson_spearman_and_insufficient_pairs()
    {
        var db = await factory.ReadyDatabaseAsync();
        var user = NewUser();
        const string Zone = "Asia/Kolkata";
        await ProfileAsync(db, user, Zone);
        var today = Today(Zone);
        var random = new Random(1234);
        for (var i = 0; i < 20; i++)
        {
            var day = today.AddDays(-20 + i);
            var hours = 5 + (i * 7 % 10) / 2.5;
            // The night ends on day; resting heart rate of that day falls exactly 2 bpm per hour slept.
            await SleepAsync(db, user, At(Zone, day.AddDays(-1), new TimeOnly(23, 0)), hours);
            await MetricAsync(db, user, "resting_heart_rate", At(Zone, day, new TimeOnly(9, 0)), 70 - 2 * hours);
            await MetricAsync(db, user, "step_count", At(Zone, day, new TimeOnly(19, 0)), Math.Round(5000 + 10000 * random.NextDouble()));
        }
        for (var i = 0; i < 5; i++)
        {
            await MetricAsync(db, user, "weight_body_mass", At(Zone, today.AddDays(-20 + i), new TimeOnly(7, 0)), 80 - i * 0.1);
        }

        var report = await JsonAsync(await ClientFor(factory, user).GetAsync("/api/v1/analytics/correlations"));
        Assert.Equal(10, report.GetProperty("minimum_n").GetInt32());
        var pairs = report.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal(4, pairs.Count);

        var sleepHeart = pairs.Single(p => p.GetProperty("x").GetString() == "sleep_hours" && p.GetProperty("y").GetString() == "resting_heart_rate");
        Assert.Equal("ok", sleepHeart.GetProperty("status").GetString());
        Assert.Equal(20, sleepHeart.GetProperty("n").GetInt32());
        Assert.Equal(-1, sleepHeart.GetProperty("pearson").GetProperty("r").GetDouble(), 6);
        Assert.Equal(-1, sleepHeart.GetProperty("spearman").GetProperty("r").GetDouble(), 6);
        Assert.True(sleepHeart.GetProperty("pearson").GetProperty("p_value").GetDouble() < 0.001);
        Assert.True(sleepHeart.GetProperty("significant").GetBoolean());

        var stepsWeight = pairs.Single(p => p.GetProperty("x").GetString() == "steps" && p.GetProperty("y").GetString() == "weight");
        Assert.Equal("insufficient", stepsWeight.GetProperty("status").GetString());
        Assert.Equal(5, stepsWeight.GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, stepsWeight.GetProperty("pearson").ValueKind);

        // Independent noise: no significant correlation.
        var sleepSteps = pairs.Single(p => p.GetProperty("x").GetString() == "sleep_hours" && p.GetProperty("y").GetString() == "steps");
        Assert.Equal(20, sleepSteps.GetProperty("n").GetInt32());
        Assert.True(sleepSteps.GetProperty("pearson").GetProperty("p_value").GetDouble() > 0.05);
        Assert.False(sleepSteps.GetProperty("significant").GetBoolean());

        // A one-day lag pairs each night with the following day's heart rate: one day fewer.
        var lagged = await JsonAsync(await ClientFor(factory, user).GetAsync("/api/v1/analytics/correlations?pairs=sleep_hours:resting_heart_rate:1"));
        Assert.Equal(19, Assert.Single(lagged.GetProperty("pairs").EnumerateArray()).GetProperty("n").GetInt32());

        // Nobody else sees these numbers.
        var stranger = await JsonAsync(await ClientFor(factory, NewUser()).GetAsync("/api/v1/analytics/correlations"));
        Assert.All(stranger.GetProperty("pairs").EnumerateArray(), p => Assert.Equal(0, p.GetProperty("n").GetInt32()));
    }

    [Theory]
    [InlineData("pairs=sleep_hours", "pairs")]
    [InlineData("pairs=sleep_hours:Heart Rate", "pairs")]
    [InlineData("pairs=steps:weight:30", "pairs")]
    [InlineData("start_date=2024-05-01&end_date=2024-04-01", "start_date")]
    public async Task Bad_correlation_parameters_are_a_400_naming_them(string query, string field)
    {
        var response = await ClientFor(factory, NewUser()).GetAsync($"/api/v1/analytics/correlations?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Recommendations_come_from_goals_behind_pace_worsening_trends_sleep_debt_and_anomalies_with_their_numbers()
    {
        var db = await factory.ReadyDatabaseAsync();
        var user = NewUser();
        // A fixed-offset zone where it is mid-afternoon now, so a day's goal with 10 % done is behind pace.
        var offset = (15 - DateTime.UtcNow.Hour + 24) % 24;
        offset = offset > 14 ? offset - 24 : offset;
        var zone = offset == 0 ? "UTC" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
        await ProfileAsync(db, user, zone, Today(zone).AddYears(-30));
        var today = Today(zone);
        await MetricAsync(db, user, "step_count", At(zone, today, new TimeOnly(1, 0)), 1000);
        var client = ClientFor(factory, user);
        var goal = await GoalsApiTests.CreateAsync(client);
        for (var i = 0; i < 30; i++)
        {
            await MetricAsync(db, user, "resting_heart_rate", At(zone, today.AddDays(-29 + i), new TimeOnly(6, 0)), 58 + 0.3 * i);
        }
        // Seven nights of 5 h ending on the last seven local days (today's too): 7 × 3 h short of 8 h.
        for (var i = 0; i < 7; i++)
        {
            await SleepAsync(db, user, At(zone, today.AddDays(-i), new TimeOnly(1, 0)), 5);
        }
        await ExecuteAsync(db, """
            INSERT INTO tracking.anomalies (anomaly_id, user_id, device_id, anomaly_type, severity, detected_at, value, detail)
            VALUES (@id, @user, 'watch-1', 'heart_rate_spike', 'critical', now() - interval '1 day', 182, '{"Description":"Heart rate 182 bpm at rest"}')
            """, ("id", Guid.NewGuid().ToString()), ("user", user));

        var response = await client.GetAsync("/api/v1/analytics/recommendations");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recommendations = (await JsonAsync(response)).GetProperty("recommendations").EnumerateArray().ToList();
        Assert.All(recommendations, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("reason").GetString())));

        var goalAdvice = Assert.Single(recommendations, r => r.GetProperty("type").GetString() == "goal");
        Assert.Equal(goal.GetProperty("id").GetGuid().ToString(), goalAdvice.GetProperty("subject").GetString());
        Assert.Contains("1000 of 10000 steps (10 %)", goalAdvice.GetProperty("reason").GetString());

        var trend = Assert.Single(recommendations, r => r.GetProperty("type").GetString() == "trend");
        Assert.Equal("resting_heart_rate", trend.GetProperty("subject").GetString());
        Assert.Contains("rose by 0.3 bpm a day", trend.GetProperty("reason").GetString());
        Assert.Contains("n = 30 days", trend.GetProperty("reason").GetString());

        var debt = Assert.Single(recommendations, r => r.GetProperty("type").GetString() == "sleep_debt");
        Assert.Equal("high", debt.GetProperty("priority").GetString());
        Assert.Contains("21 h of sleep debt", debt.GetProperty("reason").GetString());

        var anomaly = Assert.Single(recommendations, r => r.GetProperty("type").GetString() == "anomaly");
        Assert.Equal("high", anomaly.GetProperty("priority").GetString());
        Assert.Contains("value 182", anomaly.GetProperty("reason").GetString());
        Assert.Equal("high", recommendations[0].GetProperty("priority").GetString());

        var stranger = await JsonAsync(await ClientFor(factory, NewUser()).GetAsync("/api/v1/analytics/recommendations"));
        Assert.Empty(stranger.GetProperty("recommendations").EnumerateArray());
    }
}
