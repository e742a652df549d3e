using VitaSense.Agents.Quality;

namespace VitaSense.Agents.Tests;

public sealed class RobustOutlierScorerTests
{
    private readonly RobustOutlierScorer scorer = new(k: 5, minSamples: 10);

    [Fact]
    public void Constant_stretch_does_not_divide_by_zero()
    {
        var window = Window(Enumerable.Repeat(60.0, 50));

        var same = scorer.Score(60, window, minSpread: 3);
        var close = scorer.Score(61, window, minSpread: 3);
        var far = scorer.Score(200, window, minSpread: 3);

        Assert.Equal(0, same);
        Assert.InRange(close, 0.05, 0.1); // 1 / (5 × 3)
        Assert.Equal(1, far);
    }

    [Fact]
    public void Constant_zero_stretch_without_a_metric_spread_still_scores_finitely()
    {
        var window = Window(Enumerable.Repeat(0.0, 50));

        Assert.Equal(0, scorer.Score(0, window, minSpread: 0));
        Assert.Equal(1, scorer.Score(1, window, minSpread: 0));
    }

    [Fact]
    public void Spike_scores_one_and_noise_scores_low()
    {
        var window = Window(Enumerable.Range(0, 100).Select(i => 60.0 + i % 7 - 3));

        Assert.True(scorer.Score(62, window, minSpread: 3) < 0.3);
        Assert.Equal(1, scorer.Score(150, window, minSpread: 3));
        Assert.Equal(1, scorer.Score(-20, window, minSpread: 3));
    }

    [Fact]
    public void A_short_window_scores_nothing()
    {
        var window = Window(Enumerable.Repeat(60.0, 9));

        Assert.Equal(0, scorer.Score(500, window, minSpread: 3));
    }

    [Fact]
    public void Median_and_mad_follow_the_last_values_only()
    {
        var window = Window([1, 2, 3, 100], capacity: 3);

        var (median, mad) = window.MedianAndMad();

        Assert.Equal(3, window.Count);
        Assert.Equal(3, median); // of 2, 3, 100
        Assert.Equal(1, mad); // of 1, 0, 97
    }

    [Fact]
    public void Median_and_mad_match_sorting_the_window()
    {
        var random = new Random(7);
        var window = new RollingWindow(25);
        var all = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            // Repeated values too, as readings often are.
            var value = Math.Round(random.NextDouble() * 40, i % 3 == 0 ? 0 : 2);
            window.Add(value);
            all.Add(value);
            var last = all.TakeLast(25).ToList();
            var median = Median(last);

            var (actualMedian, actualMad) = window.MedianAndMad();

            Assert.Equal(median, actualMedian, 9);
            Assert.Equal(Median(last.Select(v => Math.Abs(v - median)).ToList()), actualMad, 9);
            Assert.Equal(last.Count(v => Math.Abs(v - 20) <= 5) / (double)last.Count, window.FractionWithin(20, 5), 9);
        }
    }

    [Fact]
    public void Clone_is_independent()
    {
        var window = Window([1, 2, 3]);
        var copy = window.Clone();
        copy.Add(1_000);

        Assert.Equal(3, window.Count);
        Assert.Equal(4, copy.Count);
        Assert.Equal(2, window.MedianAndMad().Median);
    }

    private static double Median(List<double> values)
    {
        var ordered = values.Order().ToList();
        var middle = ordered.Count / 2;
        return ordered.Count % 2 == 1 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
    }

    private static RollingWindow Window(IEnumerable<double> values, int capacity = 200)
    {
        var window = new RollingWindow(capacity);
        foreach (var value in values)
        {
            window.Add(value);
        }
        return window;
    }
}
