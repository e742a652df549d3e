using System.Text.Json;
using VitaSense.Contracts.Events;
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

    private static ObservationsProcessed Event(string metric, params ProcessedObservationPoint[] points) => new()
    {
        UserId = "u",
        Metric = metric,
        Source = "watch",
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
