using System.Text.Json;
using VitaSense.Agents.Model;
using VitaSense.Agents.Quality;
using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Tests;

public sealed class DataQualityProcessorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly DataQualityProcessor processor = new(new DataQualityOptions());

    [Fact]
    public void Clean_steady_readings_get_no_flags_and_full_quality()
    {
        var evaluation = processor.Evaluate(HeartRate(Minutes(0, 30, i => 60 + i % 5)), null, null);

        Assert.Equal(30, evaluation.Points.Count);
        Assert.All(evaluation.Points, p => Assert.Empty(p.Flags));
        Assert.All(evaluation.Points, p => Assert.InRange(p.QualityScore, 0.9, 1));
        Assert.Empty(evaluation.Issues);
    }

    [Fact]
    public void Out_of_range_reading_is_flagged_kept_and_left_out_of_the_statistics()
    {
        var readings = Minutes(0, 20, _ => 60);
        readings[15] = readings[15] with { Value = 400 };

        var evaluation = processor.Evaluate(HeartRate(readings), null, null);

        var impossible = evaluation.Points[15];
        Assert.Equal(400, impossible.Value);
        Assert.Equal([QualityFlags.OutOfRange], impossible.Flags);
        Assert.Equal(0, impossible.QualityScore);
        var issue = Assert.Single(evaluation.Issues);
        Assert.Equal(QualityFlags.OutOfRange, issue.IssueType);
        Assert.Equal(QualityIssue.Warning, issue.Severity);
        Assert.Equal(400, issue.Value);
        Assert.Equal(readings[15].Timestamp, issue.Timestamp);
        // 400 never entered the window: the next readings are as typical as before it.
        Assert.All(evaluation.Points.Skip(16), p => Assert.Equal(0, p.OutlierScore));
        Assert.Equal(19, evaluation.State.Values.Count);
    }

    [Fact]
    public void Spike_after_a_steady_stretch_is_an_outlier()
    {
        var readings = Minutes(0, 30, i => 60 + i % 5);
        readings[20] = readings[20] with { Value = 150 };

        var evaluation = processor.Evaluate(HeartRate(readings), null, null);

        var spike = evaluation.Points[20];
        Assert.Equal([QualityFlags.Outlier], spike.Flags);
        Assert.Equal(1, spike.OutlierScore);
        Assert.Equal(0.5, spike.QualityScore);
        Assert.Equal(QualityFlags.Outlier, Assert.Single(evaluation.Issues).IssueType);
        Assert.True(evaluation.Points[21].OutlierScore < 0.5);
    }

    [Fact]
    public void Unknown_metric_is_scored_but_neither_range_checked_nor_flagged()
    {
        var readings = Minutes(0, 20, _ => 5);
        readings[19] = readings[19] with { Value = 1e9 };

        var evaluation = processor.Evaluate(Batch("mystery_metric", readings), null, null);

        Assert.All(evaluation.Points, p => Assert.Empty(p.Flags));
        Assert.Equal(1, evaluation.Points[19].OutlierScore);
        Assert.Empty(evaluation.Issues);
    }

    [Fact]
    public void Readings_in_another_unit_than_the_profile_are_not_range_checked()
    {
        var fahrenheit = processor.Evaluate(Batch("body_temperature", [Reading(0, 98.6)], unit: "degF"), null, null);
        var celsius = processor.Evaluate(Batch("body_temperature", [Reading(0, 98.6)]), null, null);

        Assert.Empty(fahrenheit.Issues);
        Assert.Equal(QualityFlags.OutOfRange, Assert.Single(celsius.Issues).IssueType);
    }

    [Fact]
    public void Blood_pressure_components_are_range_checked()
    {
        ObservationPoint[] readings =
        [
            BloodPressure(0, 120, 80),
            BloodPressure(1, 320, 80),
        ];

        var evaluation = processor.Evaluate(Batch("blood_pressure", readings), null, null);

        Assert.Empty(evaluation.Points[0].Flags);
        Assert.Null(evaluation.Points[0].Value);
        Assert.Equal([QualityFlags.OutOfRange], evaluation.Points[1].Flags);
        Assert.Contains("systolic", Assert.Single(evaluation.Issues).Detail);
    }

    [Fact]
    public void Reading_without_a_value_is_invalid()
    {
        var evaluation = processor.Evaluate(HeartRate([new ObservationPoint { Timestamp = T0 }]), null, null);

        Assert.Equal([QualityFlags.InvalidFormat], evaluation.Points[0].Flags);
        Assert.Equal(0, evaluation.Points[0].QualityScore);
        Assert.Equal(QualityFlags.InvalidFormat, Assert.Single(evaluation.Issues).IssueType);
    }

    [Fact]
    public void Duplicates_and_out_of_order_readings_are_flagged_across_events()
    {
        var first = processor.Evaluate(HeartRate(Minutes(0, 10, _ => 60)), null, null);
        ObservationPoint[] late =
        [
            Reading(5, 61), // seen before
            Reading(3.5, 62), // earlier than minute 9
            Reading(10, 60),
            Reading(10, 60), // twice in one event
        ];

        var second = processor.Evaluate(HeartRate(late), first.State, null);

        Assert.Equal([QualityFlags.Duplicate], second.Points[0].Flags);
        Assert.Equal([QualityFlags.OutOfOrder], second.Points[1].Flags);
        Assert.Empty(second.Points[2].Flags);
        Assert.Equal([QualityFlags.Duplicate], second.Points[3].Flags);
        Assert.Equal([QualityFlags.Duplicate, QualityFlags.OutOfOrder, QualityFlags.Duplicate], second.Issues.Select(i => i.IssueType));
        Assert.Equal(T0.AddMinutes(10), second.State.LastTimestamp);
        Assert.True(second.Points[1].QualityScore is > 0.5 and < 1);
    }

    [Fact]
    public void Short_heart_rate_gap_is_filled_by_marked_linear_interpolation()
    {
        // 60, 61, ... 69 each minute, then minutes 10-12 missing and 73 at minute 13.
        var first = processor.Evaluate(HeartRate(Minutes(0, 10, i => 60 + i)), null, null);

        var second = processor.Evaluate(HeartRate([Reading(13, 73)]), first.State, null);

        Assert.Equal(4, second.Points.Count);
        var filled = second.Points.Take(3).ToList();
        Assert.All(filled, p => Assert.True(p.Interpolated));
        Assert.All(filled, p => Assert.Equal([QualityFlags.Interpolated], p.Flags));
        Assert.All(filled, p => Assert.Equal(0.5, p.QualityScore));
        Assert.Equal([T0.AddMinutes(10), T0.AddMinutes(11), T0.AddMinutes(12)], filled.Select(p => p.Timestamp));
        Assert.Equal([70.0, 71.0, 72.0], filled.Select(p => p.Value!.Value));
        Assert.False(second.Points[3].Interpolated);
        Assert.Equal(73, second.Points[3].Value);
        var gap = Assert.Single(second.Issues);
        Assert.Equal(QualityFlags.Gap, gap.IssueType);
        Assert.Contains("interpolation", gap.Detail);
    }

    [Fact]
    public void Long_gap_is_reported_and_not_filled()
    {
        var first = processor.Evaluate(HeartRate(Minutes(0, 10, _ => 60)), null, null);

        var second = processor.Evaluate(HeartRate([Reading(30, 60)]), first.State, null);

        Assert.Single(second.Points);
        var gap = Assert.Single(second.Issues);
        Assert.Equal(QualityFlags.Gap, gap.IssueType);
        Assert.DoesNotContain("interpolation", gap.Detail);
    }

    [Fact]
    public void One_missing_reading_is_no_gap()
    {
        var first = processor.Evaluate(HeartRate(Minutes(0, 10, _ => 60)), null, null);

        var second = processor.Evaluate(HeartRate([Reading(11, 60)]), first.State, null);

        Assert.Single(second.Points);
        Assert.Empty(second.Issues);
    }

    [Fact]
    public void Gaps_in_sparse_metrics_are_not_filled()
    {
        var glucose = Enumerable.Range(0, 10).Select(i => Reading(i * 5, 100)).Append(Reading(65, 100)).ToList();

        var evaluation = processor.Evaluate(Batch("blood_glucose", glucose), null, null);

        Assert.Equal(11, evaluation.Points.Count);
        Assert.DoesNotContain(evaluation.Points, p => p.Interpolated);
        Assert.Equal(QualityFlags.Gap, Assert.Single(evaluation.Issues).IssueType);
    }

    [Fact]
    public void A_gap_is_not_filled_towards_an_impossible_reading()
    {
        var first = processor.Evaluate(HeartRate(Minutes(0, 10, _ => 60)), null, null);

        var second = processor.Evaluate(HeartRate([Reading(13, 400)]), first.State, null);

        Assert.Single(second.Points);
        Assert.Equal([QualityFlags.Gap, QualityFlags.OutOfRange], second.Issues.Select(i => i.IssueType).Order());
    }

    [Fact]
    public void Irregular_heart_rate_is_not_interpolated()
    {
        double[] minutes = [0, 1, 3, 4, 7, 8, 9, 11, 12, 14, 15];
        var first = processor.Evaluate(HeartRate(minutes.Select(m => Reading(m, 60)).ToList()), null, null);

        var second = processor.Evaluate(HeartRate([Reading(19, 60)]), first.State, null);

        Assert.DoesNotContain(second.Points, p => p.Interpolated);
    }

    [Fact]
    public void Two_devices_disagreeing_on_heart_rate_at_the_same_minute()
    {
        var watch = processor.Evaluate(HeartRate(Minutes(0, 3, _ => 60), source: "watch"), null, null);
        var minutes = new UserRecentMinutes(100);
        foreach (var reading in watch.MinuteReadings)
        {
            minutes.Record(reading);
        }

        var strap = processor.Evaluate(HeartRate([Reading(0.5, 95), Reading(1, 75), Reading(5, 100)], source: "strap"), null, minutes);

        Assert.Equal([QualityFlags.CrossDeviceDisagreement], strap.Points[0].Flags);
        Assert.Empty(strap.Points[1].Flags); // 15 apart: within tolerance
        Assert.Empty(strap.Points[2].Flags); // the watch has no minute 5
        var issue = Assert.Single(strap.Issues);
        Assert.Equal(QualityFlags.CrossDeviceDisagreement, issue.IssueType);
        Assert.Contains("watch", issue.Detail);
        Assert.Equal(3, strap.MinuteReadings.Count);
    }

    [Fact]
    public void Same_source_is_never_compared_with_itself()
    {
        var minutes = new UserRecentMinutes(100);
        minutes.Record(new MinuteReading(T0.UtcTicks / TimeSpan.TicksPerMinute, "watch", 60));

        var evaluation = processor.Evaluate(HeartRate([Reading(0.5, 120)], source: "watch"), null, minutes);

        Assert.Empty(evaluation.Issues);
    }

    [Fact]
    public void Recent_minutes_are_bounded()
    {
        var minutes = new UserRecentMinutes(2);
        minutes.Record(new MinuteReading(1, "a", 60));
        minutes.Record(new MinuteReading(2, "a", 60));
        minutes.Record(new MinuteReading(3, "a", 60));

        Assert.Equal(2, minutes.Count);
        Assert.Empty(minutes.Others(1, "b"));
        Assert.Single(minutes.Others(3, "b"));
    }

    [Fact]
    public void Evaluation_leaves_the_given_state_alone_and_repeats_exactly()
    {
        var first = processor.Evaluate(HeartRate(Minutes(0, 30, i => 60 + i % 7)), null, null);
        var next = Minutes(33, 20, i => i == 5 ? 400 : 62);

        var once = processor.Evaluate(HeartRate(next), first.State, null);
        var again = processor.Evaluate(HeartRate(next), first.State, null);
        // A restart from nothing, fed the same events, ends in the same place.
        var cold = new DataQualityProcessor(new DataQualityOptions());
        var replayed = cold.Evaluate(HeartRate(next), cold.Evaluate(HeartRate(Minutes(0, 30, i => 60 + i % 7)), null, null).State, null);

        Assert.Equal(T0.AddMinutes(29), first.State.LastTimestamp);
        Assert.Equal(Json(once), Json(again));
        Assert.Equal(Json(once), Json(replayed));
        Assert.Contains(once.Issues, i => i.IssueType == QualityFlags.Gap);
    }

    [Fact]
    public void Quality_score_follows_the_flags()
    {
        Assert.Equal(1, QualityScore.From([], 0));
        Assert.Equal(0, QualityScore.From([QualityFlags.OutOfRange], 0));
        Assert.Equal(0.5, QualityScore.From([QualityFlags.Outlier], 1));
        Assert.Equal(0.75, QualityScore.From([], 1));
        Assert.Equal(0.4, QualityScore.From([QualityFlags.OutOfOrder, QualityFlags.Interpolated], 0));
    }

    [Fact]
    public void Recent_timestamps_forget_the_oldest()
    {
        var seen = new RecentTimestamps(2);

        seen.Remember(1);
        seen.Remember(2);
        seen.Remember(3);

        Assert.False(seen.Contains(1));
        Assert.True(seen.Contains(2));
        Assert.True(seen.Contains(3));
        // The unused slots of a ring not yet full are not timestamps.
        var fresh = new RecentTimestamps(4);
        fresh.Remember(5);
        Assert.False(fresh.Contains(0));
    }

    [Fact]
    public void Heart_rate_stuck_at_one_value_for_half_an_hour_is_a_flatline_reported_once_per_run()
    {
        // Ten varying minutes, then 72 exactly from minute 10 to 54, then moving again, then stuck at 80 from minute 60.
        var readings = Minutes(0, 100, i => i switch
        {
            < 10 => 60 + i % 5,
            < 55 => 72,
            < 60 => 70 + i % 3,
            _ => 80,
        });

        var evaluation = processor.Evaluate(HeartRate(readings), null, null);

        var flatlines = evaluation.Issues.Where(i => i.IssueType == QualityFlags.Flatline).ToList();
        Assert.Equal(2, flatlines.Count);
        // Raised where the run reaches half an hour, not before; every reading of the run from there on is flagged.
        Assert.Equal((T0.AddMinutes(40), 72.0, QualityIssue.Warning), (flatlines[0].Timestamp, flatlines[0].Value!.Value, flatlines[0].Severity));
        Assert.Contains("since 2025-03-01 08:10:00 UTC", flatlines[0].Detail);
        Assert.Equal(T0.AddMinutes(90), flatlines[1].Timestamp);
        Assert.All(evaluation.Points.Take(40), p => Assert.DoesNotContain(QualityFlags.Flatline, p.Flags));
        Assert.All(evaluation.Points.Skip(40).Take(15), p => Assert.Equal([QualityFlags.Flatline], p.Flags));
        Assert.All(evaluation.Points.Skip(55).Take(35), p => Assert.DoesNotContain(QualityFlags.Flatline, p.Flags));
        Assert.All(evaluation.Points.Skip(90), p => Assert.Contains(QualityFlags.Flatline, p.Flags));
        Assert.True(evaluation.Points[45].QualityScore <= 0.5);
    }

    [Fact]
    public void A_flatline_run_carries_over_events_and_a_restored_state_and_is_not_reported_twice()
    {
        var first = processor.Evaluate(HeartRate(Minutes(0, 20, _ => 66)), null, null);
        var restored = StreamStateSerializer.Deserialize(StreamStateSerializer.Serialize(first.State), processor.NewState());

        var second = processor.Evaluate(HeartRate(Minutes(20, 20, _ => 66)), restored, null);
        var third = processor.Evaluate(HeartRate(Minutes(40, 5, _ => 66)), second.State, null);

        Assert.DoesNotContain(first.Issues, i => i.IssueType == QualityFlags.Flatline);
        var issue = Assert.Single(second.Issues, i => i.IssueType == QualityFlags.Flatline);
        Assert.Equal(T0.AddMinutes(30), issue.Timestamp);
        Assert.Equal(new ValueRun(66, T0, 45, Reported: true), third.State.Run);
        Assert.DoesNotContain(third.Issues, i => i.IssueType == QualityFlags.Flatline);
        Assert.All(third.Points, p => Assert.Equal([QualityFlags.Flatline], p.Flags));
    }

    [Fact]
    public void Metrics_that_stay_put_and_sparse_agreeing_readings_are_no_flatline()
    {
        var weight = processor.Evaluate(Batch("weight_body_mass", Enumerable.Range(0, 40).Select(i => Reading(i * 60.0, 81.5)).ToList()), null, null);
        // Nine identical heart rates over four hours: long enough, but too few to call the sensor stuck.
        var sparse = processor.Evaluate(HeartRate(Enumerable.Range(0, 9).Select(i => Reading(i * 30.0, 70)).ToList()), null, null);
        // A reading that cannot be or is repeated neither ends nor extends the run.
        var interrupted = Minutes(0, 31, _ => 70);
        interrupted[10] = interrupted[10] with { Value = 400 };
        var withImpossible = processor.Evaluate(HeartRate(interrupted), null, null);

        Assert.DoesNotContain(weight.Issues, i => i.IssueType == QualityFlags.Flatline);
        Assert.DoesNotContain(sparse.Issues, i => i.IssueType == QualityFlags.Flatline);
        Assert.Equal(T0.AddMinutes(30), Assert.Single(withImpossible.Issues, i => i.IssueType == QualityFlags.Flatline).Timestamp);
    }

    private static string Json(QualityEvaluation evaluation) =>
        JsonSerializer.Serialize(new { evaluation.Points, evaluation.Issues, evaluation.MinuteReadings });

    private static List<ObservationPoint> Minutes(int from, int count, Func<int, double> value) =>
        Enumerable.Range(0, count).Select(i => Reading(from + i, value(i))).ToList();

    private static ObservationPoint Reading(double minute, double value) => new() { Timestamp = T0.AddMinutes(minute), UtcOffset = 60, Value = value };

    private static ObservationPoint BloodPressure(int minute, int systolic, int diastolic) => new()
    {
        Timestamp = T0.AddMinutes(minute),
        Values = new Dictionary<string, JsonElement>
        {
            ["systolic"] = JsonSerializer.SerializeToElement(systolic),
            ["diastolic"] = JsonSerializer.SerializeToElement(diastolic),
        },
    };

    private static ObservationsIngested HeartRate(IReadOnlyList<ObservationPoint> readings, string source = "watch") =>
        Batch("heart_rate", readings, source);

    private static ObservationsIngested Batch(string metric, IReadOnlyList<ObservationPoint> readings, string source = "watch", string? unit = null) => new()
    {
        UserId = "user-1",
        Metric = metric,
        Source = source,
        Unit = unit ?? MetricProfiles.Find(metric)?.Unit,
        Origin = "device_upload",
        Observations = readings,
    };
}
