using VitaSense.Agents.Ml;

namespace VitaSense.Agents.Tests.Ml;

public sealed class StreamingAnomalyDetectorTests
{
    [Fact]
    public void Flags_an_obvious_spike_and_stays_quiet_before_it()
    {
        var detector = new StreamingAnomalyDetector();
        var random = new Random(3);
        var before = new List<double>();
        for (var i = 0; i < 1500; i++)
        {
            // A daily-looking rhythm with noise: nothing here should alarm.
            before.Add(detector.Next(60 + 10 * Math.Sin(2 * Math.PI * i / 288) + random.NextDouble()));
        }

        var spike = detector.Next(180);

        Assert.True(spike >= 0.5, $"spike scored {spike}");
        Assert.True(before.Skip(500).Max() < 0.5, $"quiet stretch peaked at {before.Skip(500).Max()}");
    }

    [Fact]
    public void Scores_are_a_prefix_of_the_longer_stream()
    {
        var values = Enumerable.Range(0, 600).Select(i => Math.Sin(i / 7.0) + (i == 450 ? 5 : 0)).ToArray();
        var full = new StreamingAnomalyDetector();
        var prefix = new StreamingAnomalyDetector();

        var fullScores = values.Select(full.Next).ToArray();
        var prefixScores = values.Take(300).Select(prefix.Next).ToArray();

        Assert.Equal(prefixScores, fullScores.Take(300));
    }
}
