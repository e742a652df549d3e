using System.Text.Json;
using VitaSense.Contracts.Events;
using VitaSense.Tracking.Model.Sleep;
using VitaSense.Tracking.Services.Stream;

namespace VitaSense.Tracking.Tests.Records;

public sealed class ObservationMaterializerTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2023-12-01T10:00:00Z");

    [Fact]
    public void Workouts_in_imperial_units_are_converted()
    {
        var rows = ObservationMaterializer.Materialize(Event("workouts", Point(At, 3600, new
        {
            workout_id = "w-1",
            name = "Hiking",
            summaries = new Dictionary<string, object>
            {
                ["distance"] = new { qty = 3.1, units = "mi" },
                ["activeEnergyBurned"] = new { qty = 1046, units = "kJ" },
                ["elevationUp"] = new { qty = 1000, units = "ft" },
            },
        })), At);

        var (activity, sourceRef) = Assert.Single(rows.Activities);
        Assert.Equal("hiking", activity.ActivityType);
        Assert.Equal(At.AddHours(1), activity.EndTime);
        Assert.Equal(60, activity.DurationMinutes);
        Assert.Equal(4.989, activity.DistanceKm);
        Assert.Equal(250, activity.CaloriesBurned);
        Assert.Equal(304.8, activity.ElevationGainM);
        Assert.Equal("watch:workout:w-1", sourceRef);
    }

    [Fact]
    public void Unusable_points_are_skipped()
    {
        var rows = ObservationMaterializer.Materialize(Event("heart_rate",
            Point(At, 60),
            Point(At.AddMinutes(1), 61) with { Flags = ["invalid_format"] },
            Point(At.AddMinutes(2), 62) with { Interpolated = true },
            Point(At.AddMinutes(3), 63) with { Flags = ["outlier", "cross_device_disagreement"] },
            Point(At.AddMinutes(4), null)), At);

        Assert.Equal([60.0, 63.0], rows.HeartRates.Select(h => h.Bpm));
        Assert.Equal(3, rows.Skipped);
        // The same reading gets the same reference whenever it comes again.
        Assert.Equal(rows.HeartRates[0].SourceRef, ObservationMaterializer.Materialize(Event("heart_rate", Point(At, 60)), At).HeartRates[0].SourceRef);
    }

    [Fact]
    public void A_night_that_ends_before_it_starts_is_skipped()
    {
        var rows = ObservationMaterializer.Materialize(Event("sleep_analysis", Point(At, 7, new
        {
            sleep_start = At.ToString("O"),
            sleep_end = At.AddHours(-1).ToString("O"),
        })), At);
        Assert.Empty(rows.SleepSessions);
        Assert.Equal(1, rows.Skipped);
    }

    [Fact]
    public void Stage_segments_are_kept_for_the_store_unless_the_events_nightly_total_covers_their_night()
    {
        ProcessedObservationPoint Stage(double from, double to, string stage) =>
            Point(At.AddHours(from), to - from, new { stage, ended_at = At.AddHours(to).ToString("O") });
        var rows = ObservationMaterializer.Materialize(Event("sleep_analysis",
            Stage(0, 1, "Core"), Stage(1, 1.5, "Awake"),
            Point(At.AddHours(12), 6, new { sleep_start = At.AddHours(12).ToString("O"), sleep_end = At.AddHours(18).ToString("O") }),
            Stage(13, 14, "Deep"),
            Stage(20, 45, "Core")), At);

        Assert.Single(rows.SleepSessions);
        Assert.Equal([(At, "core"), (At.AddHours(1), "awake")], rows.SleepStageSegments.Select(s => (s.Start, s.Stage)));
        Assert.All(rows.SleepStageSegments, s => Assert.Equal("watch-1", s.DeviceId));
        // The deep stage lies in the nightly total's night; a 25-hour stage is no sleep.
        Assert.Equal(2, rows.Skipped);
    }

    [Fact]
    public void A_nights_session_does_not_depend_on_how_its_segments_were_split()
    {
        SleepStageSegment Stage(double from, double to, string stage) => new(At.AddHours(from), At.AddHours(to), stage, 60, "ring");
        SleepStageSegment[] all = [Stage(4.25, 7.25, "core"), Stage(0, 2, "core"), Stage(3, 4, "rem"), Stage(2, 3, "deep"), Stage(4, 4.25, "awake"),
            Stage(9.5, 10, "asleep")];

        var nights = SleepNights.Group(all);
        Assert.Equal([5, 1], nights.Select(n => n.Count));
        var night = SleepNights.Session(nights[0], At)!;
        Assert.Equal(At, night.StartTime);
        Assert.Equal(TimeSpan.FromHours(1), night.StartTime.Offset);
        Assert.Equal(7, night.DurationHours);
        Assert.Equal(96.6, night.SleepEfficiency);
        Assert.Equal(0.25, night.SleepStages!.Value.GetProperty("awake_hours").GetDouble());
        // The last hour alone is a night of its own (awake, then core), which the rest of the night replaces.
        Assert.Equal(3, SleepNights.Session(SleepNights.Group(all[..1].Concat(all[4..5]))[0], At)!.DurationHours);
        var reversed = SleepNights.Session(SleepNights.Group(all.Reverse())[0], At)!;
        Assert.Equal((night.EndTime, night.DurationHours, night.SleepStages!.Value.GetRawText()),
            (reversed.EndTime, reversed.DurationHours, reversed.SleepStages!.Value.GetRawText()));
        Assert.Null(SleepNights.Session([Stage(0, 1, "awake")], At));
    }

    private static ObservationsProcessed Event(string metric, params ProcessedObservationPoint[] points) => new()
    {
        UserId = "u",
        Metric = metric,
        Source = "watch",
        DeviceId = "watch-1",
        Origin = "health_export",
        Points = points,
    };

    private static ProcessedObservationPoint Point(DateTimeOffset at, double? value, object? values = null) => new()
    {
        Timestamp = at,
        Value = value,
        Values = values is null ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(values)),
        QualityScore = 1,
        Flags = [],
    };
}
