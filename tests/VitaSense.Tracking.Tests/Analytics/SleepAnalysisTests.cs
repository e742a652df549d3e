using System.Net;
using System.Text.Json;
using static VitaSense.Tracking.Tests.Analytics.InsightsTestData;

namespace VitaSense.Tracking.Tests.Analytics;

/// <summary>/api/v1/sleep/analysis computed from sessions inserted with SQL.</summary>
public sealed class SleepAnalysisTests(InsightsFactory factory) : IClassFixture<InsightsFactory>
{
    private const string Tokyo = "Asia/Tokyo";

    /// <summary>
    /// Ten nights ending on the ten days before today, bedtimes alternating 23:30 and 00:30 local, durations 6.0, 6.1 ... 6.9 h,
    /// staged 60 % light, 10 % deep, 30 % REM; efficiency 90, score 80.
    /// </summary>
    private async Task TenNightsAsync(string user)
    {
        var db = await factory.ReadyDatabaseAsync();
        var today = Today(Tokyo);
        for (var i = 0; i < 10; i++)
        {
            var endDay = today.AddDays(-10 + i);
            var bed = i % 2 == 0 ? At(Tokyo, endDay.AddDays(-1), new TimeOnly(23, 30)) : At(Tokyo, endDay, new TimeOnly(0, 30));
            var hours = 6 + 0.1 * i;
            await SleepAsync(db, user, bed, hours, light: 0.6 * hours, deep: 0.1 * hours, rem: 0.3 * hours, score: 80, efficiency: 90, source: "device");
            if (i == 3)
            {
                // The same night entered by hand as well: one night, not two.
                await SleepAsync(db, user, bed, hours, score: 20, efficiency: 40);
            }
            if (i == 5)
            {
                // And another entered by hand with its own, slightly different times: still the same night, the device's copy counts.
                await SleepAsync(db, user, bed.AddMinutes(10), hours - 0.3, score: 20, efficiency: 40);
            }
        }
        // Outside the default 30 days.
        await SleepAsync(db, user, At(Tokyo, today.AddDays(-45), new TimeOnly(22, 0)), 2);
    }

    [Fact]
    public async Task The_analysis_gives_averages_circular_consistency_stage_flags_debt_and_trend()
    {
        var user = NewUser();
        var db = await factory.ReadyDatabaseAsync();
        await ProfileAsync(db, user, Tokyo, Today(Tokyo).AddYears(-40));
        await TenNightsAsync(user);
        // Another user's night in the same range is not this user's.
        await SleepAsync(db, NewUser(), At(Tokyo, Today(Tokyo).AddDays(-2), new TimeOnly(12, 0)), 1);

        var response = await ClientFor(factory, user).GetAsync("/api/v1/sleep/analysis");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var analysis = await JsonAsync(response);

        Assert.Equal(Today(Tokyo).AddDays(-29).ToString("yyyy-MM-dd"), analysis.GetProperty("start_date").GetString());
        Assert.Equal(Today(Tokyo).ToString("yyyy-MM-dd"), analysis.GetProperty("end_date").GetString());
        Assert.Equal(10, analysis.GetProperty("nights").GetInt32());
        Assert.Equal(10, analysis.GetProperty("sessions").GetInt32());

        var averages = analysis.GetProperty("averages");
        Assert.Equal(6.45, averages.GetProperty("duration_hours").GetDouble(), 6);
        Assert.Equal(90, averages.GetProperty("efficiency").GetDouble());
        Assert.Equal(80, averages.GetProperty("score").GetDouble());

        // 23:30 and 00:30 average to midnight (not noon); both 30 minutes from it: √(−2 ln cos(30 min)) in minutes.
        var bedtime = analysis.GetProperty("consistency").GetProperty("bedtime");
        Assert.Equal("00:00", bedtime.GetProperty("mean").GetString());
        var expectedSd = Math.Sqrt(-2 * Math.Log(Math.Cos(2 * Math.PI * 30 / 1440))) * 1440 / (2 * Math.PI);
        Assert.Equal(Math.Round(expectedSd, 1), bedtime.GetProperty("standard_deviation_minutes").GetDouble());
        Assert.Equal(JsonValueKind.Object, analysis.GetProperty("consistency").GetProperty("wake_time").ValueKind);

        var stages = analysis.GetProperty("stages");
        Assert.Equal("adult", stages.GetProperty("age_group").GetString());
        Assert.Equal(60, stages.GetProperty("light").GetProperty("percent").GetDouble());
        Assert.Equal("normal", stages.GetProperty("light").GetProperty("flag").GetString());
        Assert.Equal(10, stages.GetProperty("deep").GetProperty("percent").GetDouble());
        Assert.Equal("low", stages.GetProperty("deep").GetProperty("flag").GetString());
        Assert.Equal(13, stages.GetProperty("deep").GetProperty("typical_min_percent").GetDouble());
        Assert.Equal(30, stages.GetProperty("rem").GetProperty("percent").GetDouble());
        Assert.Equal("high", stages.GetProperty("rem").GetProperty("flag").GetString());

        // Σ (8 − (6 + 0.1 i)) for i = 0..9 = 20 − 4.5.
        var debt = analysis.GetProperty("sleep_debt");
        Assert.Equal(8, debt.GetProperty("need_hours").GetDouble());
        Assert.Equal(15.5, debt.GetProperty("debt_hours").GetDouble(), 6);
        Assert.Equal(10, debt.GetProperty("nights_short").GetInt32());

        var trend = analysis.GetProperty("trend");
        Assert.Equal(0.7, trend.GetProperty("slope_per_week").GetDouble(), 6);
        Assert.True(trend.GetProperty("p_value").GetDouble() < 0.05);
        Assert.Equal("increasing", trend.GetProperty("direction").GetString());
    }

    [Fact]
    public async Task Over_65_the_need_is_seven_hours_and_the_older_adult_ranges_apply()
    {
        var user = NewUser();
        await ProfileAsync(await factory.ReadyDatabaseAsync(), user, Tokyo, Today(Tokyo).AddYears(-70));
        await TenNightsAsync(user);

        var analysis = await JsonAsync(await ClientFor(factory, user).GetAsync("/api/v1/sleep/analysis"));
        Assert.Equal(7, analysis.GetProperty("sleep_debt").GetProperty("need_hours").GetDouble());
        Assert.Equal(5.5, analysis.GetProperty("sleep_debt").GetProperty("debt_hours").GetDouble(), 6);
        Assert.Equal("older_adult", analysis.GetProperty("stages").GetProperty("age_group").GetString());
        Assert.Equal("normal", analysis.GetProperty("stages").GetProperty("deep").GetProperty("flag").GetString());
    }

    [Fact]
    public async Task A_range_limits_the_nights_and_a_user_without_sleep_gets_an_empty_analysis()
    {
        var user = NewUser();
        await ProfileAsync(await factory.ReadyDatabaseAsync(), user, Tokyo);
        await TenNightsAsync(user);
        var today = Today(Tokyo);
        var client = ClientFor(factory, user);

        var range = await JsonAsync(await client.GetAsync($"/api/v1/sleep/analysis?start_date={today.AddDays(-3):yyyy-MM-dd}&end_date={today:yyyy-MM-dd}"));
        Assert.Equal(3, range.GetProperty("nights").GetInt32());
        Assert.Equal(6.8, range.GetProperty("averages").GetProperty("duration_hours").GetDouble(), 6);
        var old = await JsonAsync(await client.GetAsync($"/api/v1/sleep/analysis?start_date={today.AddDays(-60):yyyy-MM-dd}&end_date={today.AddDays(-31):yyyy-MM-dd}"));
        Assert.Equal(1, old.GetProperty("nights").GetInt32());

        var empty = await JsonAsync(await ClientFor(factory, NewUser()).GetAsync("/api/v1/sleep/analysis"));
        Assert.Equal(0, empty.GetProperty("nights").GetInt32());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("averages").GetProperty("duration_hours").ValueKind);
        Assert.Equal(0, empty.GetProperty("sleep_debt").GetProperty("debt_hours").GetDouble());
    }

    [Theory]
    [InlineData("start_date=yesterday", "start_date")]
    [InlineData("end_date=2024-13-45", "end_date")]
    [InlineData("start_date=2024-03-10&end_date=2024-03-01", "start_date")]
    [InlineData("start_date=2020-01-01&end_date=2024-01-01", "end_date")]
    public async Task Bad_ranges_are_a_400_naming_the_field(string query, string field)
    {
        var response = await ClientFor(factory, NewUser()).GetAsync($"/api/v1/sleep/analysis?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Without_a_token_the_analysis_is_401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/sleep/analysis")).StatusCode);
}
