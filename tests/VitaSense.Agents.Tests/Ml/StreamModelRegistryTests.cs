using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VitaSense.Agents.Ml;
using VitaSense.Agents.Model;
using VitaSense.Agents.Quality;
using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Tests.Ml;

public sealed class StreamModelRegistryTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly (string, string, string) Stream = ("user-1", "watch", "heart_rate");
    private readonly DataQualityProcessor processor = new(new DataQualityOptions());

    [Fact]
    public async Task Trains_in_the_background_once_enough_values_arrived_and_swaps_the_model_in()
    {
        var registry = NewRegistry();
        var history = Rhythm(0, 255);

        Assert.Null(registry.Observe(Stream, "device-1", history));
        Assert.Null(registry.CurrentModel(Stream));
        var training = registry.Observe(Stream, "device-1", Rhythm(255, 1));

        Assert.NotNull(training);
        await training.WaitAsync(TimeSpan.FromSeconds(60));
        var model = registry.CurrentModel(Stream);
        Assert.NotNull(model);
        Assert.Equal(1, registry.Trainings);
        // The counter restarted with the training: the next value does not train again.
        Assert.Null(registry.Observe(Stream, "device-1", Rhythm(256, 1)));
        var found = Assert.Single(registry.Histories("user-1", "device-1"));
        Assert.Equal(257, found.Values.Count);
        Assert.Same(model, found.Model);
        Assert.Empty(registry.Histories("user-2", "device-1"));
    }

    [Fact]
    public async Task Scores_are_robust_only_without_a_model_and_the_larger_of_both_with_one()
    {
        var registry = NewRegistry();
        var history = Rhythm(0, 256);
        var warm = processor.Evaluate(Batch(history), null, null);
        // Values in range but in a shape the stream never had: a fast zigzag instead of its slow rhythm.
        var zigzag = Enumerable.Range(256, 20).Select(i => (T0.AddMinutes(i), i % 2 == 0 ? 52.0 : 68.0)).ToList();

        var robust = processor.Evaluate(Batch(zigzag), warm.State, null);
        var beforeTraining = processor.Evaluate(Batch(zigzag), warm.State, null, new StreamScoring(registry.CurrentModel(Stream), null));
        await registry.Observe(Stream, null, history)!.WaitAsync(TimeSpan.FromSeconds(60));
        var afterTraining = processor.Evaluate(Batch(zigzag), warm.State, null, new StreamScoring(registry.CurrentModel(Stream), null));

        Assert.Equal(robust.Points.Select(p => p.OutlierScore), beforeTraining.Points.Select(p => p.OutlierScore));
        Assert.All(robust.Points.Zip(afterTraining.Points), pair => Assert.True(pair.Second.OutlierScore >= pair.First.OutlierScore));
        Assert.True(robust.Points.Max(p => p.OutlierScore) < 0.5);
        Assert.True(afterTraining.Points.Max(p => p.OutlierScore) >= 0.9);
        // The model never raises the outlier flag by itself: that stays the robust score's.
        Assert.All(afterTraining.Points, p => Assert.DoesNotContain(QualityFlags.Outlier, p.Flags));
    }

    [Fact]
    public async Task The_analysis_marks_the_windows_the_model_finds_unusual()
    {
        var registry = NewRegistry();
        await registry.Observe(Stream, "device-1", Rhythm(0, 256))!.WaitAsync(TimeSpan.FromSeconds(60));
        var zigzag = Enumerable.Range(256, 20).Select(i => (T0.AddMinutes(i), i % 2 == 0 ? 52.0 : 68.0)).ToList();
        Assert.Null(registry.Observe(Stream, "device-1", Rhythm(256, 40).Concat(zigzag.Select(z => (z.Item1.AddMinutes(40), z.Item2)))));

        var analysis = DeviceAnalysis.Analyse("device-1", registry.Histories("user-1", "device-1"));

        var metric = Assert.Single(analysis.Metrics);
        Assert.Equal(316, metric.PointsAnalysed);
        Assert.Equal(registry.CurrentModel(Stream)!.Version, metric.ModelVersion);
        Assert.True(metric.MaxScore >= DeviceAnalysis.ModelThreshold);
        // The zigzag is the last 20 values: every anomaly found is in it (the rhythm before it is as trained).
        Assert.NotEmpty(metric.Anomalies);
        Assert.All(metric.Anomalies, a => Assert.True(a >= T0.AddMinutes(296), $"{a} is before the zigzag"));
    }

    [Fact]
    public void A_calibration_factor_is_applied_recorded_and_the_raw_value_kept()
    {
        var warm = processor.Evaluate(Batch(Rhythm(0, 30)), null, null);
        var next = Rhythm(30, 5);

        var plain = processor.Evaluate(Batch(next), warm.State, null);
        var calibrated = processor.Evaluate(Batch(next), warm.State, null, new StreamScoring(null, 1.1));

        Assert.All(plain.Points, p => Assert.Null(p.CalibrationFactor));
        for (var i = 0; i < next.Count; i++)
        {
            var point = calibrated.Points[i];
            Assert.Equal(1.1, point.CalibrationFactor);
            Assert.Equal(next[i].Value * 1.1, point.Value!.Value, 9);
            Assert.Equal(next[i].Value, point.Values![DataQualityProcessor.RawValueKey].GetDouble());
            // The checks ran on the raw values: same scores, flags and next state as without calibration.
            Assert.Equal(plain.Points[i].OutlierScore, point.OutlierScore);
            Assert.Equal(plain.Points[i].Flags, point.Flags);
        }
        Assert.Equal(plain.State.Values.InOrder(), calibrated.State.Values.InOrder());
    }

    [Fact]
    public async Task A_stream_retrains_at_most_once_a_retrain_interval_however_fast_its_values_arrive()
    {
        var clock = new ManualTimeProvider(T0);
        var registry = new StreamModelRegistry(Options.Create(new AgentsOptions { Quality = { ModelRetrainInterval = TimeSpan.FromMinutes(5) } }),
            null, clock, NullLogger<StreamModelRegistry>.Instance);
        await registry.Observe(Stream, null, Rhythm(0, 256))!.WaitAsync(TimeSpan.FromSeconds(60));

        // Another ModelRetrainEvery values a minute later: due by count, not by time.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(registry.Observe(Stream, null, Rhythm(256, 256)));
        clock.Advance(TimeSpan.FromMinutes(4));
        // The values kept counting: the first one after the interval retrains.
        var retraining = registry.Observe(Stream, null, Rhythm(512, 1));

        Assert.NotNull(retraining);
        await retraining.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, registry.Trainings);
    }

    [Fact]
    public async Task Streams_due_together_are_all_queued_and_all_get_their_model()
    {
        var registry = NewRegistry();
        var streams = Enumerable.Range(0, 6).Select(i => ($"user-{i}", "watch", "heart_rate")).ToList();

        var trainings = streams.Select(stream => registry.Observe(stream, null, Rhythm(0, 256))!).ToList();

        // Queued behind each other, not refused: every stream gets its training.
        Assert.All(trainings, Assert.NotNull);
        await Task.WhenAll(trainings).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.All(streams, stream => Assert.NotNull(registry.CurrentModel(stream)));
        Assert.Equal(streams.Count, registry.Trainings);
    }

    private static StreamModelRegistry NewRegistry() =>
        new(Options.Create(new AgentsOptions()), null, TimeProvider.System, NullLogger<StreamModelRegistry>.Instance);

    /// <summary>A heart rate with a slow rhythm, one reading a minute.</summary>
    private static List<(DateTimeOffset Timestamp, double Value)> Rhythm(int from, int count) =>
        Enumerable.Range(from, count).Select(i => (T0.AddMinutes(i), Math.Round(60 + 8 * Math.Sin(i / 10.0), 1))).ToList();

    private static ObservationsIngested Batch(IReadOnlyList<(DateTimeOffset Timestamp, double Value)> readings) => new()
    {
        UserId = "user-1",
        Metric = "heart_rate",
        Source = "watch",
        Unit = "count/min",
        Origin = "device_upload",
        IngestionId = 1,
        Observations = readings.Select(r => new ObservationPoint { Timestamp = r.Timestamp, UtcOffset = 60, Value = r.Value }).ToList(),
    };
}
