namespace VitaSense.Agents.Evaluation.Synthetic;

/// <summary>
/// Seeded daily wearable series with the structure real ones have: a weekly rhythm (weekend steps and sleep),
/// slow trends (weight loss, fitness lowering resting heart rate), day-to-day persistence (AR(1) noise) and
/// plain noise. Each metric's parameters are fixed; only the noise depends on the seed.
/// </summary>
public static class DailySeriesGenerator
{
    public static readonly DateOnly Start = new(2025, 1, 6); // a Monday

    public static double[] Generate(DailyMetric metric, int days, int seed)
    {
        // Not HashCode.Combine: it is salted per process, and the set must be the same on every run.
        var random = new Random(seed * 31 + (int)metric);
        var values = new double[days];
        double persistent = 0;
        for (var i = 0; i < days; i++)
        {
            var weekday = Start.AddDays(i).DayOfWeek;
            var weekend = weekday is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var noise = Gaussian(random);
            persistent = 0.6 * persistent + Gaussian(random);
            values[i] = metric switch
            {
                // Active Saturdays, lazy Sundays, a mid-week gym day; multiplicative noise as steps vary by share.
                DailyMetric.Steps => Math.Max(0, weekday switch
                {
                    DayOfWeek.Saturday => 12500,
                    DayOfWeek.Sunday => 6000,
                    DayOfWeek.Wednesday => 10500,
                    _ => 8500,
                } * Math.Exp(0.18 * noise + 0.05 * persistent)),
                // Fitness improves slowly; weekends (late nights) a little higher.
                DailyMetric.RestingHeartRate => 60 - 3.0 * i / days + (weekend ? 1.5 : 0) + 0.8 * persistent + 1.0 * noise,
                // Catch-up sleep on weekends.
                DailyMetric.SleepHours => 6.9 + (weekend ? 1.1 : 0) + (weekday == DayOfWeek.Friday ? -0.3 : 0) + 0.25 * persistent + 0.5 * noise,
                // Slow loss with a Monday bump after weekend meals.
                DailyMetric.Weight => 82 - 0.015 * i + (weekday == DayOfWeek.Monday ? 0.4 : weekday == DayOfWeek.Tuesday ? 0.2 : 0) + 0.2 * persistent + 0.25 * noise,
                // Daily mean glucose: higher on weekends (meals out).
                DailyMetric.Glucose => 102 + (weekend ? 6 : 0) + 3 * persistent + 4 * noise,
                _ => throw new ArgumentOutOfRangeException(nameof(metric)),
            };
        }

        return values;
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
