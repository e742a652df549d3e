using VitaSense.Tracking.Model.Analytics;
using VitaSense.Tracking.Model.Goals;

namespace VitaSense.Tracking.Services.Goals;

/// <summary>
/// Turns a goal's daily series into its progress: the value of each local period, streaks, milestones, pace, and the
/// periods whose achievement is final enough to record.
/// </summary>
public static class GoalProgressCalculator
{
    /// <summary>Default number of periods in <see cref="GoalProgress.History"/>.</summary>
    public const int DefaultPeriods = 7;

    /// <summary>Most periods a client may ask for.</summary>
    public const int MaxPeriods = 366;

    private static readonly int[] Percents = [25, 50, 75, 100];

    /// <summary>How many periods back streaks and the best period are looked for (at least the history asked for).</summary>
    public static int Lookback(string frequency, int periods) => Math.Max(periods, frequency switch
    {
        GoalFrequencies.Weekly => 104,
        GoalFrequencies.Monthly => 36,
        _ => 366,
    });

    /// <summary>
    /// The first day of the oldest period evaluated when the current period starts on <paramref name="currentStart"/>:
    /// <see cref="Lookback"/> periods back, or only <paramref name="periods"/> without <paramref name="history"/>.
    /// </summary>
    public static DateOnly WindowStart(string frequency, DateOnly currentStart, int periods, bool history = true)
    {
        var start = currentStart;
        var count = history ? Lookback(frequency, periods) : periods;
        for (var i = 1; i < count; i++)
        {
            start = GoalFrequencies.Previous(frequency, start);
        }
        return start;
    }

    /// <summary>The result of one evaluation.</summary>
    /// <param name="Progress">What the endpoint answers.</param>
    /// <param name="Achieved">Achieved periods to record: since the goal's creation, up to its target date, final.</param>
    public sealed record Evaluation(GoalProgress Progress, IReadOnlyList<PeriodProgress> Achieved);

    /// <summary>Evaluates <paramref name="goal"/> at <paramref name="localNow"/> (the user's wall clock) from its <paramref name="days"/>.</summary>
    /// <remarks>Without <paramref name="history"/> only the last <paramref name="periods"/> are evaluated: streaks and the best period then cover just those.</remarks>
    public static Evaluation Evaluate(Goal goal, SeriesSource source, InsightsProfile profile, DateTime localNow, IReadOnlyList<DailyValue> days, int periods, bool history = true)
    {
        var today = DateOnly.FromDateTime(localNow);
        var frequency = goal.Frequency;
        var currentStart = GoalFrequencies.PeriodStart(frequency, today);
        var windowStart = WindowStart(frequency, currentStart, periods, history);
        var byPeriod = days.Where(d => d.Day >= windowStart)
            .GroupBy(d => GoalFrequencies.PeriodStart(frequency, d.Day))
            .ToDictionary(g => g.Key, g => g.OrderBy(d => d.Day).Select(d => d.Value).ToList());

        var window = new List<PeriodProgress>();
        for (var start = windowStart; start <= currentStart; start = GoalFrequencies.Next(frequency, start))
        {
            var end = GoalFrequencies.Next(frequency, start).AddDays(-1);
            var value = Aggregate(source.Period, byPeriod.GetValueOrDefault(start));
            var percent = value is { } v ? Percent(goal, v) : (double?)null;
            var achieved = value is { } reached && GoalDirections.Meets(goal.Direction, reached, goal.TargetValue);
            window.Add(new PeriodProgress(start, end, value is { } r ? Math.Round(r, 3) : null, percent, achieved, end < today));
        }

        var current = window[^1];
        var progress = new GoalProgress
        {
            GoalId = goal.GoalId,
            GoalType = goal.GoalType,
            Frequency = frequency,
            Direction = goal.Direction,
            TargetValue = goal.TargetValue,
            Unit = source.Unit,
            TimeZone = profile.TimeZoneId,
            AsOf = today,
            CurrentPeriod = current,
            History = window.TakeLast(periods).ToList(),
            Streak = Streak(window),
            Milestones = Milestones(goal, window),
        };
        if (Monotone(goal, source))
        {
            var periodStart = current.PeriodStart.ToDateTime(TimeOnly.MinValue);
            var periodEnd = current.PeriodEnd.AddDays(1).ToDateTime(TimeOnly.MinValue);
            var expected = Math.Round(100.0 * (localNow - periodStart).TotalSeconds / (periodEnd - periodStart).TotalSeconds, 1);
            progress = progress with { ExpectedPercent = expected, OnPace = (current.Percent ?? 0) >= expected };
        }

        var createdStart = GoalFrequencies.PeriodStart(frequency, profile.LocalDate(goal.CreatedAt));
        var achievedPeriods = window
            .Where(p => p.Achieved && p.PeriodStart >= createdStart && p.PeriodStart <= goal.TargetDate && (p.Complete || Monotone(goal, source)))
            .ToList();
        return new Evaluation(progress, achievedPeriods);
    }

    // A total aimed at only grows as the period goes on: once reached, it stays reached. Other goals (an average, the
    // last weight, a total to stay under) are decided when their period is over.
    private static bool Monotone(Goal goal, SeriesSource source) => source.Period == SeriesAggregation.Sum && goal.Direction == GoalDirections.AtLeast;

    private static double? Aggregate(SeriesAggregation aggregation, List<double>? values) => aggregation switch
    {
        SeriesAggregation.Sum => values?.Sum() ?? 0,
        _ when values is null or { Count: 0 } => null,
        SeriesAggregation.Mean => values.Average(),
        _ => values[^1],
    };

    private static double Percent(Goal goal, double value)
    {
        var percent = goal.Direction == GoalDirections.AtMost
            ? value <= goal.TargetValue ? 100 : 100 * goal.TargetValue / value
            : 100 * value / goal.TargetValue;
        return Math.Round(percent, 1);
    }

    private static GoalStreak Streak(IReadOnlyList<PeriodProgress> window)
    {
        var current = 0;
        var index = window.Count - 1;
        if (!window[index].Achieved && !window[index].Complete)
        {
            index--;
        }
        for (; index >= 0 && window[index].Achieved; index--)
        {
            current++;
        }

        var longest = 0;
        int? longestFrom = null;
        var run = 0;
        for (var i = 0; i < window.Count; i++)
        {
            run = window[i].Achieved ? run + 1 : 0;
            if (run > longest)
            {
                longest = run;
                longestFrom = i - run + 1;
            }
        }
        return longestFrom is { } from
            ? new GoalStreak(current, longest, window[from].PeriodStart, window[from + longest - 1].PeriodEnd)
            : new GoalStreak(current, 0, null, null);
    }

    private static List<GoalMilestone> Milestones(Goal goal, IReadOnlyList<PeriodProgress> window)
    {
        var current = window[^1];
        var milestones = Percents
            .Select(p => new GoalMilestone($"percent_{p}", current.Percent >= p, current.Percent, current.PeriodStart))
            .ToList();

        var withValues = window.Where(p => p.Value is not null).ToList();
        var best = withValues.Count == 0 ? null
            : goal.Direction == GoalDirections.AtMost ? withValues.MinBy(p => p.Value) : withValues.MaxBy(p => p.Value);
        milestones.Add(new GoalMilestone("best_period", best?.Achieved == true, best?.Value, best?.PeriodStart));

        var streak = Streak(window);
        milestones.Add(new GoalMilestone("longest_streak", streak.Longest > 0, streak.Longest, streak.LongestStart));
        return milestones;
    }
}
