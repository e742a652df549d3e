using VitaSense.Tracking.Model.Analytics;
using VitaSense.Tracking.Model.Goals;
using VitaSense.Tracking.Services.Goals;

namespace VitaSense.Tracking.Tests.Goals;

/// <summary>The period arithmetic and the progress rules, without a database.</summary>
public sealed class GoalProgressCalculatorTests
{
    private static Goal NewGoal(string type, double target, string frequency, string direction, DateTimeOffset created) => new()
    {
        GoalId = Guid.NewGuid(),
        UserId = "user",
        GoalType = type,
        TargetValue = target,
        Direction = direction,
        TargetDate = new DateOnly(2030, 1, 1),
        Frequency = frequency,
        IsActive = true,
        CreatedAt = created,
    };

    [Theory]
    [InlineData("2024-06-02", "weekly", "2024-05-27")] // a Sunday belongs to the ISO week that began the Monday before
    [InlineData("2024-06-03", "weekly", "2024-06-03")]
    [InlineData("2024-02-29", "monthly", "2024-02-01")]
    [InlineData("2024-02-29", "daily", "2024-02-29")]
    public void Periods_are_local_days_iso_weeks_and_months(string day, string frequency, string start) =>
        Assert.Equal(DateOnly.Parse(start), GoalFrequencies.PeriodStart(frequency, DateOnly.Parse(day)));

    [Fact]
    public void A_monthly_total_sums_its_days_and_reports_pace_against_the_elapsed_month()
    {
        var goal = NewGoal("distance", 100, GoalFrequencies.Monthly, GoalDirections.AtLeast, new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero));
        DailyValue[] days = [new(new DateOnly(2024, 4, 30), 200), new(new DateOnly(2024, 5, 2), 10), new(new DateOnly(2024, 5, 10), 20)];
        // Noon of 16 May: 15.5 of 31 days gone.
        var evaluation = GoalProgressCalculator.Evaluate(goal, SeriesCatalog.Distance, InsightsProfile.Default, new DateTime(2024, 5, 16, 12, 0, 0), days, 2);

        var progress = evaluation.Progress;
        Assert.Equal(30, progress.CurrentPeriod.Value);
        Assert.Equal(30, progress.CurrentPeriod.Percent);
        Assert.Equal(50, progress.ExpectedPercent);
        Assert.False(progress.OnPace);
        Assert.Equal(new DateOnly(2024, 5, 31), progress.CurrentPeriod.PeriodEnd);
        Assert.Equal(1, progress.Streak.Current);
        var april = Assert.Single(evaluation.Achieved);
        Assert.Equal(new DateOnly(2024, 4, 1), april.PeriodStart);
        Assert.True(april.Complete);
    }

    [Fact]
    public void An_at_most_average_is_decided_when_its_period_ends_and_a_gap_breaks_the_streak()
    {
        var goal = NewGoal("resting_heart_rate", 60, GoalFrequencies.Daily, GoalDirections.AtMost, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        DailyValue[] days = [new(new DateOnly(2024, 5, 10), 58), new(new DateOnly(2024, 5, 11), 59), new(new DateOnly(2024, 5, 13), 57), new(new DateOnly(2024, 5, 14), 66)];
        var evaluation = GoalProgressCalculator.Evaluate(goal, SeriesCatalog.RestingHeartRate, InsightsProfile.Default, new DateTime(2024, 5, 14, 9, 0, 0), days, 5);

        var progress = evaluation.Progress;
        Assert.Equal([58d, 59d, null, 57d, 66d], progress.History.Select(p => p.Value));
        Assert.Equal(Math.Round(100 * 60 / 66.0, 1), progress.CurrentPeriod.Percent);
        Assert.Null(progress.OnPace);
        // Today (66, still open) is not achieved and does not break the run; the missing 12th does.
        Assert.Equal(1, progress.Streak.Current);
        Assert.Equal(2, progress.Streak.Longest);
        Assert.Equal(new DateOnly(2024, 5, 10), progress.Streak.LongestStart);
        Assert.Equal([new DateOnly(2024, 5, 10), new DateOnly(2024, 5, 11), new DateOnly(2024, 5, 13)], evaluation.Achieved.Select(p => p.PeriodStart));
        var best = progress.Milestones.Single(m => m.Milestone == "best_period");
        Assert.Equal(57, best.Value);
    }
}
