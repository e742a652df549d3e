using VitaSense.Agents.Ml;

namespace VitaSense.Agents.Tests.Ml;

public sealed class TrendForecasterTests
{
    private static readonly double[] WeeklyShape = [8000, 9500, 9000, 10000, 8500, 13000, 5000];

    private static List<(DateOnly Day, double Value)> WeeklySeries(int days, int seed = 11)
    {
        var random = new Random(seed);
        var start = new DateOnly(2026, 1, 5);
        return [.. Enumerable.Range(0, days)
            .Select(i => (start.AddDays(i), WeeklyShape[i % 7] + 400 * Gaussian(random)))];
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void Beats_seasonal_naive_on_a_clean_weekly_series()
    {
        // A 28-day holdout is a small sample: average a few series so the test checks the method, not one draw.
        var results = Enumerable.Range(1, 4).Select(seed => TrendForecaster.Forecast(WeeklySeries(140, seed), 7)).ToList();

        Assert.All(results, r => Assert.True(r.HasForecast, r.Problem));
        Assert.All(results, r => Assert.Equal(ForecastResult.SeasonalNaiveBaseline, r.Baseline));
        Assert.All(results, r => Assert.Equal(28, r.HoldoutDays));
        var mase = results.Average(r => r.Mase!.Value);
        var baseline = results.Average(r => r.BaselineMase!.Value);
        Assert.True(mase < 1.0, $"MASE {mase}, baseline {baseline}");
        Assert.True(mase < baseline, $"MASE {mase}, baseline {baseline}");
    }

    [Fact]
    public void Horizon_14_gives_14_days_inside_their_intervals()
    {
        var series = WeeklySeries(120);

        var result = TrendForecaster.Forecast(series, 14);

        Assert.Equal(14, result.Points.Count);
        Assert.Equal(series[^1].Day.AddDays(1), result.Points[0].Day);
        Assert.Equal(series[^1].Day.AddDays(14), result.Points[^1].Day);
        Assert.All(result.Points, p => Assert.True(p.Lower <= p.Value && p.Value <= p.Upper, $"{p}"));
        Assert.True(result.Points[^1].Upper - result.Points[^1].Lower > result.Points[0].Upper - result.Points[0].Lower);
        // Saturday's peak is forecast as a peak: the model learned the week, not just the level.
        var saturday = result.Points.First(p => p.Day.DayOfWeek == DayOfWeek.Saturday);
        Assert.InRange(saturday.Value, 11000, 15000);
    }

    [Fact]
    public void Too_little_history_is_reported_not_forecast()
    {
        var result = TrendForecaster.Forecast(WeeklySeries(30), 7);

        Assert.False(result.HasForecast);
        Assert.Empty(result.Points);
        Assert.Null(result.Mase);
        Assert.Contains("not enough history", result.Problem);
    }

    [Fact]
    public void Horizon_outside_1_to_14_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrendForecaster.Forecast(WeeklySeries(60), 15));
    }
}
