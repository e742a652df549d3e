using VitaSense.Tracking.Model.Analytics;

namespace VitaSense.Tracking.Services.Analytics;

/// <summary>Computes a <see cref="SleepAnalysis"/> from sleep sessions.</summary>
public static class SleepAnalyzer
{
    /// <summary>Nightly need of adults up to 65 (AASM/SRS consensus: 7 h or more; 8 h taken as the target here).</summary>
    public const double AdultNeedHours = 8;

    /// <summary>Nightly need over 65 (National Sleep Foundation: 7–8 h for older adults).</summary>
    public const double OlderAdultNeedHours = 7;

    private const double MinutesPerDay = 1440;

    // Typical shares of staged sleep (light = N1 + N2). Adults: deep 13–23 %, REM 20–25 %, light the rest (~50–60 %),
    // the ranges commonly quoted from the AASM scoring literature (e.g. Sleep Foundation, "Stages of Sleep"). Older adults
    // (> 65) sleep less deeply: slow-wave sleep falls by about 2 % of sleep per decade and REM slightly (Ohayon et al.,
    // Sleep 2004;27(7):1255–73, meta-analysis of 65 studies), hence deep 5–15 %, REM 15–25 %, light 55–70 %.
    // Adolescents (< 18) have more slow-wave sleep: deep 20–30 %, REM 20–25 %, light 45–60 %.
    private static readonly Dictionary<string, (double Min, double Max)[]> Ranges = new(StringComparer.Ordinal)
    {
        ["adolescent"] = [(45, 60), (20, 30), (20, 25)],
        ["adult"] = [(50, 60), (13, 23), (20, 25)],
        ["older_adult"] = [(55, 70), (5, 15), (15, 25)],
    };

    /// <summary>The analysis of <paramref name="sessions"/> (ended on local days <paramref name="start"/>..<paramref name="end"/>).</summary>
    public static SleepAnalysis Analyze(IReadOnlyList<SleepRecord> sessions, InsightsProfile profile, DateOnly start, DateOnly end)
    {
        var nights = sessions
            .GroupBy(s => profile.LocalDate(s.End))
            .OrderBy(g => g.Key)
            .Select(g => new DailyValue(g.Key, g.Sum(s => s.DurationHours)))
            .ToList();

        var age = profile.AgeOn(end);
        var need = age > 65 ? OlderAdultNeedHours : AdultNeedHours;
        var shortNights = nights.Where(n => n.Value < need).ToList();

        return new SleepAnalysis
        {
            StartDate = start,
            EndDate = end,
            TimeZone = profile.TimeZoneId,
            Nights = nights.Count,
            Sessions = sessions.Count,
            Averages = new SleepAverages(
                Round(nights.Count == 0 ? null : nights.Average(n => n.Value)),
                Round(Average(sessions.Select(s => s.Efficiency))),
                Round(Average(sessions.Select(s => s.Score)))),
            Consistency = new SleepConsistency(
                Clock(sessions.Select(s => LocalMinutes(s.Start, profile))),
                Clock(sessions.Select(s => LocalMinutes(s.End, profile)))),
            Stages = Stages(sessions, age),
            SleepDebt = new SleepDebt(need, Math.Round(shortNights.Sum(n => need - n.Value), 2), shortNights.Count),
            Trend = TrendLine.Of(nights),
        };
    }

    /// <summary>The circular mean and standard deviation of clock times given in minutes after midnight; null without any.</summary>
    public static ClockStatistics? Clock(IEnumerable<double> minutes)
    {
        var angles = minutes.Select(m => 2 * Math.PI * m / MinutesPerDay).ToList();
        if (angles.Count == 0)
        {
            return null;
        }
        var sin = angles.Average(Math.Sin);
        var cos = angles.Average(Math.Cos);
        var resultant = Math.Min(1, Math.Sqrt(sin * sin + cos * cos));
        var mean = Math.Atan2(sin, cos) * MinutesPerDay / (2 * Math.PI);
        mean = (mean % MinutesPerDay + MinutesPerDay) % MinutesPerDay;
        // R̄ → 0 (times spread all round the clock) makes the deviation unbounded; cap it at half a day.
        var deviation = resultant <= 0 ? MinutesPerDay / 2 : Math.Min(MinutesPerDay / 2, Math.Sqrt(Math.Max(0.0, -2 * Math.Log(resultant))) * MinutesPerDay / (2 * Math.PI));
        var rounded = (int)Math.Round(mean) % (int)MinutesPerDay;
        return new ClockStatistics($"{rounded / 60:00}:{rounded % 60:00}", Math.Round(mean, 1), Math.Round(deviation, 1));
    }

    private static SleepStages Stages(IReadOnlyList<SleepRecord> sessions, int? age)
    {
        var group = age switch { > 65 => "older_adult", < 18 => "adolescent", _ => "adult" };
        var staged = sessions.Where(s => s is { LightHours: not null, DeepHours: not null, RemHours: not null }).ToList();
        var total = staged.Sum(s => s.LightHours!.Value + s.DeepHours!.Value + s.RemHours!.Value);
        if (total <= 0)
        {
            return new SleepStages(staged.Count, group, null, null, null);
        }
        var ranges = Ranges[group];
        return new SleepStages(staged.Count, group,
            Share(staged.Sum(s => s.LightHours!.Value) / total, ranges[0]),
            Share(staged.Sum(s => s.DeepHours!.Value) / total, ranges[1]),
            Share(staged.Sum(s => s.RemHours!.Value) / total, ranges[2]));
    }

    private static StageShare Share(double fraction, (double Min, double Max) range)
    {
        var percent = Math.Round(100 * fraction, 1);
        var flag = percent < range.Min ? "low" : percent > range.Max ? "high" : "normal";
        return new StageShare(percent, range.Min, range.Max, flag);
    }

    private static double LocalMinutes(DateTimeOffset instant, InsightsProfile profile) =>
        TimeZoneInfo.ConvertTime(instant, profile.TimeZone).TimeOfDay.TotalMinutes;

    private static double? Average(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToList();
        return present.Count == 0 ? null : present.Average();
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
