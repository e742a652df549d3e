using System.Globalization;
using VitaSense.Tracking.Infrastructure;
using VitaSense.Tracking.Model.Analytics;
using VitaSense.Tracking.Model.Goals;
using VitaSense.Tracking.Services.Goals;

namespace VitaSense.Tracking.Services.Analytics;

/// <summary>Trends, correlations and recommendations computed from the user's stored records.</summary>
public sealed class AnalyticsService(
    InsightsSeriesStore series,
    AnalyticsSleepStore sleep,
    AnalyticsAnomalyStore anomalies,
    GoalStore goals,
    GoalProgressService progress,
    TimeProvider timeProvider)
{
    /// <summary>Aligned days needed before a correlation is reported.</summary>
    public const int MinimumCorrelationN = 10;

    /// <summary>The series whose trends are given when none is asked for.</summary>
    public static readonly IReadOnlyList<SeriesSource> DefaultTrendSeries =
        [SeriesCatalog.Steps, SeriesCatalog.ActiveMinutes, SeriesCatalog.SleepHours, SeriesCatalog.RestingHeartRate, SeriesCatalog.Weight];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The trend of each of <paramref name="sources"/> in <paramref name="windows"/> consecutive windows of <paramref name="windowDays"/> days ending today.</summary>
    public async Task<TrendReport> TrendsAsync(string userId, InsightsProfile profile, IReadOnlyList<SeriesSource> sources, int windowDays, int windows, CancellationToken cancellationToken)
    {
        var today = profile.LocalDate(timeProvider.GetUtcNow());
        var from = today.AddDays(-(windowDays * windows) + 1);
        var trends = new List<MetricTrends>();
        foreach (var source in sources)
        {
            var days = await series.DailyAsync(userId, profile, source, from, today.AddDays(1), cancellationToken);
            var list = new List<TrendWindow>();
            for (var k = 0; k < windows; k++)
            {
                var end = today.AddDays(-k * windowDays);
                var start = end.AddDays(-windowDays + 1);
                var inWindow = days.Where(d => d.Day >= start && d.Day <= end).ToList();
                var trend = TrendLine.Of(inWindow);
                bool? worsening = source.HigherIsBetter is not { } higherIsBetter ? null
                    : trend.Significant && trend.SlopePerDay is { } slope && (higherIsBetter ? slope < 0 : slope > 0);
                list.Add(new TrendWindow(start, end, inWindow.Count == 0 ? null : Math.Round(inWindow.Average(d => d.Value), 3), trend, worsening));
            }
            trends.Add(new MetricTrends(source.Name, source.Unit, list));
        }
        return new TrendReport(windowDays, today, profile.TimeZoneId, trends);
    }

    /// <summary>Pearson and Spearman of each pair over the local days of <paramref name="range"/>.</summary>
    public async Task<CorrelationReport> CorrelationsAsync(string userId, InsightsProfile profile, IReadOnlyList<CorrelationSpec> specs, AnalyticsRange range, CancellationToken cancellationToken)
    {
        var cache = new Dictionary<string, Dictionary<DateOnly, double>>(StringComparer.Ordinal);
        async Task<Dictionary<DateOnly, double>> DaysAsync(SeriesSource source)
        {
            if (!cache.TryGetValue(source.Name, out var days))
            {
                // Wide enough for any lag on either side.
                var values = await series.DailyAsync(userId, profile, source, range.Start.AddDays(-CorrelationSpec.MaxLag), range.End.AddDays(CorrelationSpec.MaxLag + 1), cancellationToken);
                cache[source.Name] = days = values.ToDictionary(v => v.Day, v => v.Value);
            }
            return days;
        }

        var pairs = new List<CorrelationPair>();
        foreach (var spec in specs)
        {
            var xs = await DaysAsync(spec.X);
            var ys = await DaysAsync(spec.Y);
            var aligned = xs.Where(x => x.Key >= range.Start && x.Key <= range.End && ys.ContainsKey(x.Key.AddDays(spec.Lag)))
                .OrderBy(x => x.Key)
                .Select(x => (X: x.Value, Y: ys[x.Key.AddDays(spec.Lag)]))
                .ToList();
            var n = aligned.Count;
            if (n < MinimumCorrelationN)
            {
                pairs.Add(new CorrelationPair(spec.X.Name, spec.Y.Name, spec.Lag, n, "insufficient", null, null, false));
                continue;
            }
            var x = aligned.Select(a => a.X).ToList();
            var y = aligned.Select(a => a.Y).ToList();
            var pearson = Correlation.Pearson(x, y);
            var spearman = Correlation.Spearman(x, y);
            if (pearson is null || spearman is null)
            {
                pairs.Add(new CorrelationPair(spec.X.Name, spec.Y.Name, spec.Lag, n, "constant", null, null, false));
                continue;
            }
            pairs.Add(new CorrelationPair(spec.X.Name, spec.Y.Name, spec.Lag, n, "ok",
                new Coefficient(Math.Round(pearson.R, 6), pearson.P),
                new Coefficient(Math.Round(spearman.R, 6), spearman.P),
                pearson.P < TrendLine.Alpha || spearman.P < TrendLine.Alpha));
        }
        return new CorrelationReport(range.Start, range.End, profile.TimeZoneId, MinimumCorrelationN, pairs);
    }

    /// <summary>
    /// Recommendations from goals behind pace (or over an at_most target), significantly worsening 30-day trends,
    /// the last 7 nights' sleep debt and the last 7 days' warning or critical anomalies.
    /// </summary>
    public async Task<RecommendationReport> RecommendationsAsync(string userId, InsightsProfile profile, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var today = profile.LocalDate(now);
        var recommendations = new List<Recommendation>();

        var activeGoals = (await goals.ListAsync(userId, isActive: true, limit: 200, offset: 0, cancellationToken)).Items;
        foreach (var goal in activeGoals.Where(g => g.TargetDate >= today))
        {
            var state = await progress.EvaluateAsync(goal, profile, 2, history: true, cancellationToken);
            if (GoalRecommendation(goal, state) is { } recommendation)
            {
                recommendations.Add(recommendation);
            }
        }

        var trends = await TrendsAsync(userId, profile, DefaultTrendSeries, 30, 1, cancellationToken);
        foreach (var metric in trends.Trends)
        {
            var window = metric.Windows[0];
            var worsening = window.Worsening ?? WeightWorsening(metric, window, activeGoals);
            if (worsening && window.Trend is { SlopePerDay: { } slope, PValue: { } p })
            {
                recommendations.Add(new Recommendation("trend", "medium", $"{Label(metric.MetricType)} is getting worse",
                    TrendAdvice(metric.MetricType),
                    string.Create(Invariant, $"Over {window.StartDate:yyyy-MM-dd}..{window.EndDate:yyyy-MM-dd} your {Label(metric.MetricType)} {(slope > 0 ? "rose" : "fell")} by {Math.Abs(slope):0.###} {metric.Unit} a day ({Math.Abs(slope * 7):0.##} a week; n = {window.Trend.N} days, p = {p:0.####}, mean {window.Mean:0.##})."),
                    metric.MetricType));
            }
        }

        var nights = await sleep.ReadAsync(userId, profile, today.AddDays(-6), today.AddDays(1), cancellationToken);
        var week = SleepAnalyzer.Analyze(nights, profile, today.AddDays(-6), today);
        if (week.SleepDebt.DebtHours >= 3)
        {
            recommendations.Add(new Recommendation("sleep_debt", week.SleepDebt.DebtHours >= 7 ? "high" : "medium", "You are short of sleep",
                "Go to bed earlier or sleep in until the debt is repaid; keep bedtime within the same half hour every night.",
                string.Create(Invariant, $"Over the last 7 days {week.SleepDebt.NightsShort} of {week.Nights} recorded nights were under your {week.SleepDebt.NeedHours:0.#} h need: {week.SleepDebt.DebtHours:0.##} h of sleep debt (average {week.Averages.DurationHours:0.##} h a night)."),
                "sleep_hours"));
        }

        var recent = await anomalies.ListAsync(userId, now.AddDays(-7), null, null, 200, 0, cancellationToken);
        foreach (var group in recent.Items.Where(a => a.Severity is "warning" or "critical").GroupBy(a => a.AnomalyType))
        {
            var latest = group.First();
            var critical = group.Any(a => a.Severity == "critical");
            recommendations.Add(new Recommendation("anomaly", critical ? "high" : "medium", $"Check {latest.AnomalyType.Replace('_', ' ')}",
                latest.Description ?? "Look at the device and the readings behind the anomaly.",
                string.Create(Invariant, $"{group.Count()} {latest.AnomalyType} anomal{(group.Count() == 1 ? "y" : "ies")} ({(critical ? "critical" : "warning")}) in the last 7 days, the latest at {latest.DetectedAt:yyyy-MM-dd HH:mm} UTC on device {latest.DeviceId}{(latest.Value is { } v ? string.Create(Invariant, $", value {v:0.##}") : "")}."),
                latest.AnomalyType));
        }

        var order = new Dictionary<string, int> { ["high"] = 0, ["medium"] = 1, ["low"] = 2 };
        return new RecommendationReport(today, recommendations.OrderBy(r => order[r.Priority]).ToList());
    }

    private static Recommendation? GoalRecommendation(Goal goal, GoalProgress state)
    {
        var current = state.CurrentPeriod;
        var period = goal.Frequency switch { GoalFrequencies.Weekly => "week", GoalFrequencies.Monthly => "month", _ => "day" };
        if (state.OnPace == false)
        {
            var missing = goal.TargetValue - (current.Value ?? 0);
            return new Recommendation("goal", "medium", $"Behind pace on your {Label(goal.GoalType)} goal",
                string.Create(Invariant, $"{missing:0.##} {state.Unit} more this {period} reaches the target."),
                string.Create(Invariant, $"{current.Value ?? 0:0.##} of {goal.TargetValue:0.##} {state.Unit} ({current.Percent ?? 0:0.#} %) with {state.ExpectedPercent:0.#} % of the {period} gone; current streak {state.Streak.Current}."),
                goal.GoalId.ToString());
        }
        if (goal.Direction == GoalDirections.AtMost && current.Value is { } value && value > goal.TargetValue)
        {
            return new Recommendation("goal", "medium", $"Above your {Label(goal.GoalType)} target",
                string.Create(Invariant, $"Bring it down by {value - goal.TargetValue:0.##} {state.Unit} to meet the goal this {period}."),
                string.Create(Invariant, $"This {period}'s {Label(goal.GoalType)} is {value:0.##} {state.Unit}, over the target of at most {goal.TargetValue:0.##}."),
                goal.GoalId.ToString());
        }
        return null;
    }

    // Weight has no better direction of its own: the user's weight goal says which way is worse.
    private static bool WeightWorsening(MetricTrends metric, TrendWindow window, IReadOnlyList<Goal> activeGoals)
    {
        if (metric.MetricType != SeriesCatalog.Weight.Name || !window.Trend.Significant || window.Trend.SlopePerDay is not { } slope)
        {
            return false;
        }
        var goal = activeGoals.FirstOrDefault(g => g.GoalType == SeriesCatalog.Weight.Name);
        return goal is not null && (goal.Direction == GoalDirections.AtMost ? slope > 0 : slope < 0);
    }

    private static string TrendAdvice(string metricType) => metricType switch
    {
        "steps" => "Add a daily walk to bring your step count back up.",
        "active_minutes" => "Plan short workouts on more days of the week.",
        "sleep_hours" => "Protect your sleep window: a fixed bedtime and wake time.",
        "resting_heart_rate" => "A rising resting heart rate can mean strain, illness or poor recovery: rest, hydrate, and see a doctor if it persists.",
        "weight" => "Review your diet and activity against your weight goal.",
        _ => "Look at what changed recently.",
    };

    private static string Label(string name) => name.Replace('_', ' ');
}
