using VitaSense.Tracking.Infrastructure;
using VitaSense.Tracking.Model.Analytics;
using VitaSense.Tracking.Model.Goals;

namespace VitaSense.Tracking.Services.Goals;

/// <summary>Computes a goal's progress from the owner's records and records the periods it reached (which publishes their events).</summary>
public sealed class GoalProgressService(InsightsProfileStore profiles, InsightsSeriesStore series, GoalAchievementStore achievements, TimeProvider timeProvider)
{
    /// <summary>The progress of <paramref name="goal"/> over its last <paramref name="periods"/> periods.</summary>
    public async Task<GoalProgress> EvaluateAsync(Goal goal, int periods, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(goal.UserId, cancellationToken);
        return await EvaluateAsync(goal, profile, periods, history: true, cancellationToken);
    }

    /// <summary>
    /// The progress of <paramref name="goal"/> for a user whose profile is known; without <paramref name="history"/> only
    /// the last <paramref name="periods"/> are read (enough to record what was reached, not for streaks).
    /// </summary>
    public async Task<GoalProgress> EvaluateAsync(Goal goal, InsightsProfile profile, int periods, bool history, CancellationToken cancellationToken)
    {
        // A goal type is stored resolved, so it always resolves again.
        var source = SeriesCatalog.Resolve(goal.GoalType)!;
        var localNow = TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), profile.TimeZone).DateTime;
        var today = DateOnly.FromDateTime(localNow);
        var currentStart = GoalFrequencies.PeriodStart(goal.Frequency, today);
        var from = GoalProgressCalculator.WindowStart(goal.Frequency, currentStart, periods, history);
        var days = await series.DailyAsync(goal.UserId, profile, source, from, GoalFrequencies.Next(goal.Frequency, currentStart), cancellationToken);
        var evaluation = GoalProgressCalculator.Evaluate(goal, source, profile, localNow, days, periods, history);
        await achievements.RecordAsync(goal, evaluation.Achieved, cancellationToken);
        return evaluation.Progress;
    }
}
