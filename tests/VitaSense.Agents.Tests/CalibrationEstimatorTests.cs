using VitaSense.Agents.Calibration;
using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Tests;

public sealed class CalibrationEstimatorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 2, 6, 0, 0, TimeSpan.Zero);
    private readonly CalibrationEstimator estimator = new(new CalibrationOptions());

    [Fact]
    public void A_device_reading_ten_percent_high_gets_a_factor_of_one_over_1_1()
    {
        var state = estimator.NewState();

        estimator.Observe(Batch("strap", minutes: 30, i => 60 + i % 7), state);
        var estimates = estimator.Observe(Batch("watch", minutes: 30, i => (60 + i % 7) * 1.1), state);

        var watch = Assert.Single(estimates);
        Assert.Equal("watch", watch.Source);
        Assert.Equal("strap", watch.ReferenceSource);
        Assert.Equal(30, watch.Pairs);
        Assert.Equal(1 / 1.1, watch.Factor, 3);
        Assert.Equal(CalibrationStatus.Drifting, watch.Status);
        Assert.True(watch.Announce);
        Assert.Null(watch.PreviousFactor);
        Assert.True(watch.Confidence > 0.7, $"confidence {watch.Confidence}");
    }

    [Fact]
    public void Pairs_form_whichever_device_arrives_first()
    {
        var state = estimator.NewState();

        // The reference is the first source seen; its readings arriving after the device's still pair with them.
        estimator.Observe(Batch("strap", minutes: 1, _ => 60), state);
        estimator.Observe(Batch("watch", minutes: 30, i => (60 + i % 7) * 1.1, fromMinute: 1), state);
        var estimates = estimator.Observe(Batch("strap", minutes: 30, i => 60 + i % 7, fromMinute: 1), state);

        var watch = Assert.Single(estimates, e => e.Source == "watch");
        Assert.Equal(30, watch.Pairs);
        Assert.Equal(1 / 1.1, watch.Factor, 3);
        Assert.Equal(CalibrationStatus.Reference, Assert.Single(estimates, e => e.Source == "strap").Status);
    }

    [Fact]
    public void Too_few_pairs_leave_the_device_uncalibrated()
    {
        var state = estimator.NewState();

        estimator.Observe(Batch("strap", minutes: 10, _ => 60), state);
        var watch = Assert.Single(estimator.Observe(Batch("watch", minutes: 10, _ => 66), state));

        Assert.Equal(10, watch.Pairs);
        Assert.Equal(CalibrationStatus.Uncalibrated, watch.Status);
        Assert.False(watch.Announce);
    }

    [Fact]
    public void An_agreeing_device_is_calibrated_and_a_few_wild_readings_do_not_move_the_median()
    {
        var state = estimator.NewState();

        estimator.Observe(Batch("strap", minutes: 40, i => 60 + i % 7), state);
        var watch = Assert.Single(estimator.Observe(Batch("watch", minutes: 40, i => i % 10 == 0 ? 120 : (60 + i % 7) * 1.01), state));

        Assert.Equal(CalibrationStatus.Calibrated, watch.Status);
        Assert.Equal(1 / 1.01, watch.Factor, 3);
        Assert.True(watch.Announce);
    }

    [Fact]
    public void Readings_a_minute_apart_pair_once_the_reference_moved_past_them()
    {
        var state = estimator.NewState();

        // The watch reports on odd minutes, the strap on even ones.
        estimator.Observe(Batch("strap", minutes: 60, m => m % 2 == 0 ? 60 : double.NaN), state);
        var watch = Assert.Single(estimator.Observe(Batch("watch", minutes: 60, m => m % 2 == 1 ? 66 : double.NaN), state));

        // Minutes 1, 3, ..., 57 pair with the strap's minute before; 59 waits for the strap to move past it.
        Assert.Equal(29, watch.Pairs);
        Assert.Equal(1 / 1.1, watch.Factor, 3);
    }

    [Fact]
    public void Readings_more_than_a_minute_apart_do_not_pair_and_flagged_ones_never_do()
    {
        var state = estimator.NewState();

        estimator.Observe(Batch("strap", minutes: 30, _ => 60), state);
        var shifted = estimator.Observe(Batch("watch", minutes: 30, _ => 66, fromMinute: 100), state);
        var flagged = estimator.Observe(Batch("band", minutes: 30, _ => 66, flags: ["outlier"]), state);

        Assert.Equal(0, Assert.Single(shifted).Pairs);
        Assert.Equal(0, Assert.Single(flagged).Pairs);
    }

    [Fact]
    public void A_change_is_announced_once_and_again_only_when_the_factor_moves()
    {
        var state = estimator.NewState();
        estimator.Observe(Batch("strap", minutes: 180, i => 60 + i % 7), state);

        var first = Assert.Single(estimator.Observe(Batch("watch", minutes: 60, i => (60 + i % 7) * 1.1), state));
        Assert.True(first.Announce);
        state.Sources["watch"].MarkAnnounced(first.Factor, first.Status, first.Confidence);

        var same = Assert.Single(estimator.Observe(Batch("watch", minutes: 60, i => (60 + i % 7) * 1.1, fromMinute: 60), state));
        Assert.False(same.Announce);

        // The device drifts further: 20 % high. Once most of the window has the new ratio, the factor moved by > 5 %.
        var moved = Assert.Single(estimator.Observe(Batch("watch", minutes: 60, i => (60 + i % 7) * 1.2, fromMinute: 120), state));
        Assert.True(moved.Announce);
        Assert.Equal(1 / 1.2, moved.Factor, 3);
        Assert.Equal(first.Factor, moved.PreviousFactor);
    }

    [Fact]
    public void A_retried_batch_still_reports_the_unannounced_change()
    {
        var state = estimator.NewState();
        estimator.Observe(Batch("strap", minutes: 30, _ => 60), state);
        var batch = Batch("watch", minutes: 30, _ => 66);

        var first = Assert.Single(estimator.Observe(batch, state));
        var retried = Assert.Single(estimator.Observe(batch, state));

        Assert.True(retried.Announce);
        Assert.Equal(first, retried);
    }

    [Fact]
    public void A_restored_state_keeps_its_reference_and_does_not_repeat_announcements()
    {
        var saved = new[]
        {
            new CalibrationFactor("strap", "strap", "heart_rate", 1, 1, 0, CalibrationStatus.Reference, "none", "strap", T0),
            new CalibrationFactor("watch", "watch", "heart_rate", 0.9091, 0.9, 30, CalibrationStatus.Drifting, "recalibrate", "strap", T0),
        };
        var state = estimator.Restore(saved);

        // The watch's readings arrive first after the restart; a cold state would make it the reference. Without pairs
        // yet, its saved factor stands.
        var alone = Assert.Single(estimator.Observe(Batch("watch", minutes: 30, m => (60 + m % 7) * 1.1, fromMinute: 30), state));
        Assert.Equal((0.9091, CalibrationStatus.Drifting, 0, false), (alone.Factor, alone.Status, alone.Pairs, alone.Announce));
        var watch = Assert.Single(estimator.Observe(Batch("strap", minutes: 30, m => 60 + m % 7, fromMinute: 30), state), e => e.Source == "watch");

        Assert.Equal("strap", state.Reference);
        Assert.Equal(CalibrationStatus.Drifting, watch.Status);
        Assert.Equal(0.9091, watch.PreviousFactor);
        Assert.False(watch.Announce);
    }

    [Fact]
    public void Readings_published_with_a_factor_are_learned_from_what_the_device_measured()
    {
        var state = estimator.NewState();
        estimator.Observe(Batch("strap", minutes: 30, i => 60 + i % 7), state);

        // The data quality agent already applies the trusted factor 1/1.1: the published value agrees with the
        // reference, but the device still measures 10 % high, and that is what the factor must keep saying.
        var calibrated = Batch("watch", minutes: 30, i => (60 + i % 7) * 1.1);
        calibrated = calibrated with
        {
            Points = calibrated.Points.Select(p => p with { Value = p.Value / 1.1, CalibrationFactor = 1 / 1.1 }).ToList(),
        };
        var watch = Assert.Single(estimator.Observe(calibrated, state));

        Assert.Equal(1 / 1.1, watch.Factor, 3);
    }

    private static ObservationsProcessed Batch(string source, int minutes, Func<int, double> value, int fromMinute = 0, IReadOnlyList<string>? flags = null) => new()
    {
        UserId = "user-1",
        Metric = "heart_rate",
        Source = source,
        DeviceId = source,
        Origin = "device_upload",
        Points = Enumerable.Range(0, minutes)
            .Select(i => new ProcessedObservationPoint { Timestamp = T0.AddMinutes(fromMinute + i).AddSeconds(source.Length), Value = value(fromMinute + i), Flags = flags ?? [] })
            .ToList(),
    };
}
