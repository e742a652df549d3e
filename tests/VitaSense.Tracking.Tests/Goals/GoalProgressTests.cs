using System.Net;
using System.Text.Json;
using VitaSense.Tracking.Tests.Analytics;
using static VitaSense.Tracking.Tests.Analytics.InsightsTestData;

namespace VitaSense.Tracking.Tests.Goals;

/// <summary>/api/v1/goals/{id}/progress computed from rows inserted with SQL, in the user's local days and ISO weeks.</summary>
public sealed class GoalProgressTests(InsightsFactory factory) : IClassFixture<InsightsFactory>
{
    // UTC+14 all year: its local day differs from the UTC day for half of every day.
    private const string Kiritimati = "Pacific/Kiritimati";

    [Fact]
    public async Task Daily_steps_count_every_reading_once_in_the_users_local_days_with_streak_and_milestones()
    {
        var user = NewUser();
        var db = await factory.ReadyDatabaseAsync();
        var client = ClientFor(factory, user);
        await ProfileAsync(db, user, Kiritimati);
        var today = Today(Kiritimati);

        // Today: a reading entered by hand and the same reading from the device (one reading), a run whose steps the
        // device's own readings during it already count, so 6000 + 4000.
        await MetricAsync(db, user, "step_count", At(Kiritimati, today, new TimeOnly(8, 0)), 6000);
        await MetricAsync(db, user, "step_count", At(Kiritimati, today, new TimeOnly(8, 0)), 6000, "device", "watch-1");
        await ActivityAsync(db, user, At(Kiritimati, today, new TimeOnly(7, 0)), 60, steps: 5000);
        await MetricAsync(db, user, "step_count", At(Kiritimati, today, new TimeOnly(7, 30)), 4000, "device", "watch-2");
        // Yesterday late in the local evening (the same UTC date as the morning of today's UTC... whichever: local counts).
        await MetricAsync(db, user, "step_count", At(Kiritimati, today.AddDays(-1), new TimeOnly(23, 30)), 12000);
        // Two days ago: a run without device readings during it counts, plus a reading: 5000, short of 10000.
        await ActivityAsync(db, user, At(Kiritimati, today.AddDays(-2), new TimeOnly(10, 0)), 30, steps: 3000);
        await MetricAsync(db, user, "step_count", At(Kiritimati, today.AddDays(-2), new TimeOnly(18, 0)), 2000);
        // Three days ago just after local midnight (the previous UTC day).
        await MetricAsync(db, user, "step_count", At(Kiritimati, today.AddDays(-3), new TimeOnly(0, 30)), 10000);
        // Someone else's steps never count.
        await MetricAsync(db, NewUser(), "step_count", At(Kiritimati, today.AddDays(-2), new TimeOnly(12, 0)), 50000);

        var goal = await GoalsApiTests.CreateAsync(client);
        var id = goal.GetProperty("id").GetGuid();
        var response = await client.GetAsync($"/api/v1/goals/{id}/progress?periods=4");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var progress = await JsonAsync(response);

        Assert.Equal(Kiritimati, progress.GetProperty("time_zone").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), progress.GetProperty("as_of").GetString());
        var history = progress.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(4, history.Count);
        Assert.Equal([today.AddDays(-3), today.AddDays(-2), today.AddDays(-1), today], history.Select(p => DateOnly.Parse(p.GetProperty("period_start").GetString()!)));
        Assert.Equal([10000d, 5000d, 12000d, 10000d], history.Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal([true, false, true, true], history.Select(p => p.GetProperty("achieved").GetBoolean()));
        Assert.Equal(50, history[1].GetProperty("percent").GetDouble());

        var current = progress.GetProperty("current_period");
        Assert.Equal(10000, current.GetProperty("value").GetDouble());
        Assert.Equal(100, current.GetProperty("percent").GetDouble());
        Assert.False(current.GetProperty("complete").GetBoolean());

        var streak = progress.GetProperty("streak");
        Assert.Equal(2, streak.GetProperty("current").GetInt32());
        Assert.Equal(2, streak.GetProperty("longest").GetInt32());
        Assert.Equal(today.AddDays(-1).ToString("yyyy-MM-dd"), streak.GetProperty("longest_start").GetString());

        var milestones = progress.GetProperty("milestones").EnumerateArray().ToDictionary(m => m.GetProperty("milestone").GetString()!);
        Assert.All(["percent_25", "percent_50", "percent_75", "percent_100"], m => Assert.True(milestones[m].GetProperty("achieved").GetBoolean()));
        Assert.Equal(12000, milestones["best_period"].GetProperty("value").GetDouble());
        Assert.Equal(today.AddDays(-1).ToString("yyyy-MM-dd"), milestones["best_period"].GetProperty("period_start").GetString());
        Assert.Equal(2, milestones["longest_streak"].GetProperty("value").GetDouble());

        // Only periods since the goal exists are recorded, once each however often progress is computed.
        await client.GetAsync($"/api/v1/goals/{id}/progress");
        Assert.Equal(1, await CountAsync(db, "SELECT count(*) FROM tracking.goal_achievements WHERE goal_id = @id", ("id", id)));
        Assert.Equal(1, await CountAsync(db, "SELECT count(*) FROM tracking.goal_achievements WHERE goal_id = @id AND period_start = @today", ("id", id), ("today", today)));
    }

    [Fact]
    public async Task A_weekly_weight_goal_takes_the_last_weigh_in_of_each_iso_week_and_records_only_finished_weeks()
    {
        var user = NewUser();
        var db = await factory.ReadyDatabaseAsync();
        var client = ClientFor(factory, user);
        var today = Today("UTC");
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));

        await MetricAsync(db, user, "weight_body_mass", At("UTC", monday.AddDays(-14), new TimeOnly(7, 0)), 71);
        await MetricAsync(db, user, "weight_body_mass", At("UTC", monday.AddDays(-7), new TimeOnly(7, 0)), 72);
        await MetricAsync(db, user, "weight_body_mass", At("UTC", monday.AddDays(-3), new TimeOnly(7, 0)), 69.5);
        await MetricAsync(db, user, "weight_body_mass", At("UTC", monday.AddDays(-1), new TimeOnly(23, 59)), 69.8);
        await MetricAsync(db, user, "weight_body_mass", At("UTC", today, new TimeOnly(0, 1)), 70.5);

        var goal = await GoalsApiTests.CreateAsync(client, b => { b["goal_type"] = "weight"; b["target_value"] = 70; b["frequency"] = "weekly"; });
        var id = goal.GetProperty("id").GetGuid();
        var progress = await JsonAsync(await client.GetAsync($"/api/v1/goals/{id}/progress?periods=3"));

        var history = progress.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal([monday.AddDays(-14), monday.AddDays(-7), monday], history.Select(p => DateOnly.Parse(p.GetProperty("period_start").GetString()!)));
        Assert.Equal(monday.AddDays(-1).ToString("yyyy-MM-dd"), history[1].GetProperty("period_end").GetString());
        Assert.Equal([71d, 69.8d, 70.5d], history.Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal([false, true, false], history.Select(p => p.GetProperty("achieved").GetBoolean()));
        Assert.Equal([true, true, false], history.Select(p => p.GetProperty("complete").GetBoolean()));
        Assert.Equal(Math.Round(100 * 70 / 70.5, 1), progress.GetProperty("current_period").GetProperty("percent").GetDouble());
        // The open week does not break the run: last week's success is the current streak.
        Assert.Equal(1, progress.GetProperty("streak").GetProperty("current").GetInt32());
        Assert.Equal(JsonValueKind.Null, progress.GetProperty("on_pace").ValueKind);
        // Last week predates the goal, and this week is still open: an at_most goal is only decided at its period's end.
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) FROM tracking.goal_achievements WHERE goal_id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_weekly_sleep_goal_averages_the_nights_ending_in_each_week()
    {
        var user = NewUser();
        var db = await factory.ReadyDatabaseAsync();
        var client = ClientFor(factory, user);
        var today = Today("UTC");
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        // Sunday night to Monday morning belongs to Monday, the day it ended.
        await SleepAsync(db, user, At("UTC", monday.AddDays(-8), new TimeOnly(23, 0)), 6);
        await SleepAsync(db, user, At("UTC", monday.AddDays(-7), new TimeOnly(23, 0)), 8);
        await SleepAsync(db, user, At("UTC", monday.AddDays(-2), new TimeOnly(23, 0)), 7);

        var goal = await GoalsApiTests.CreateAsync(client, b => { b["goal_type"] = "sleep_hours"; b["target_value"] = 7; b["frequency"] = "weekly"; });
        var progress = await JsonAsync(await client.GetAsync($"/api/v1/goals/{goal.GetProperty("id").GetGuid()}/progress?periods=2"));
        var lastWeek = progress.GetProperty("history")[0];
        Assert.Equal(monday.AddDays(-7).ToString("yyyy-MM-dd"), lastWeek.GetProperty("period_start").GetString());
        Assert.Equal(7, lastWeek.GetProperty("value").GetDouble());
        Assert.True(lastWeek.GetProperty("achieved").GetBoolean());
    }

    [Theory]
    [InlineData("distance", 27)]
    [InlineData("calories", 750)]
    [InlineData("active_minutes", 90)]
    [InlineData("workouts", 2)]
    [InlineData("steps", 6000)]
    public async Task Activity_goals_count_a_workout_once_and_leave_out_what_device_readings_during_it_already_count(string goalType, double expected)
    {
        var user = NewUser();
        var db = await factory.ReadyDatabaseAsync();
        var today = Today("UTC");
        var run = At("UTC", today, new TimeOnly(0, 10));
        // A run entered by hand and synced from the watch: one workout.
        await ActivityAsync(db, user, run, 30, steps: 6000, distanceKm: 5, calories: 300);
        await ActivityAsync(db, user, run, 30, steps: 6000, distanceKm: 5, calories: 300, source: "device", sourceRef: "workout-1");
        // A ride whose calories the watch measured as active energy during it: those count, the ride's own figure not.
        var ride = At("UTC", today, new TimeOnly(1, 0));
        await ActivityAsync(db, user, ride, 60, distanceKm: 20, calories: 500, type: "cycling");
        await MetricAsync(db, user, "active_energy", ride.AddMinutes(30), 450, "device", "energy-1");
        await MetricAsync(db, user, "walking_running_distance", At("UTC", today, new TimeOnly(0, 5)), 2);

        var client = ClientFor(factory, user);
        var goal = await GoalsApiTests.CreateAsync(client, b => { b["goal_type"] = goalType; b["target_value"] = 100000; });
        var progress = await JsonAsync(await client.GetAsync($"/api/v1/goals/{goal.GetProperty("id").GetGuid()}/progress?periods=1"));
        Assert.Equal(expected, progress.GetProperty("current_period").GetProperty("value").GetDouble(), 6);
        Assert.Equal(today.ToString("yyyy-MM-dd"), Assert.Single(progress.GetProperty("history").EnumerateArray()).GetProperty("period_start").GetString());
    }
}
