using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VitaSense.Contracts.Events;
using VitaSense.Tracking.Infrastructure.Records;
using VitaSense.Tracking.Model.Activities;
using VitaSense.Tracking.Model.HeartRate;
using VitaSense.Tracking.Model.Metrics;
using VitaSense.Tracking.Model.Sleep;

namespace VitaSense.Tracking.Services.Stream;

/// <summary>
/// Turns the readings of one <see cref="ObservationsProcessed"/> event into tracking rows: <c>heart_rate</c> into
/// heart-rate samples, <c>sleep_analysis</c> nightly totals into sleep sessions and its stage segments into segments
/// (whose nights the store computes, as a night's segments may come in several events), <c>workouts</c> into
/// activities, every other metric into metrics. Interpolated points and points flagged out of range, malformed or duplicate are left out. Each
/// row carries a source reference that is the same whenever the same reading comes again (the stream's source and the
/// reading's time, or the workout's id), so the stores' unique keys make a replay insert nothing.
/// </summary>
public static class ObservationMaterializer
{
    /// <summary>Flags that make a reading unusable for a person's records.</summary>
    public static readonly IReadOnlyList<string> UnusableFlags = ["out_of_range", "invalid_format", "duplicate", "interpolated"];

    /// <summary>The rows of <paramref name="observations"/>.</summary>
    public static MaterializedReadings Materialize(ObservationsProcessed observations, DateTimeOffset now)
    {
        var result = new MaterializedReadings();
        var metric = MetricTypes.Canonical(observations.Metric);
        var stages = new List<SleepStageSegment>();
        foreach (var point in observations.Points)
        {
            if (point.Interpolated || point.Flags.Any(UnusableFlags.Contains))
            {
                result.Skipped++;
                continue;
            }
            var sourceRef = $"{observations.Source}:{point.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}";
            var added = metric switch
            {
                MetricTypes.HeartRate => AddHeartRate(result, point, sourceRef),
                MetricTypes.SleepAnalysis => AddSleep(result, observations, point, sourceRef, now, stages),
                MetricTypes.Workouts => AddWorkout(result, observations, point, now),
                _ => AddMetric(result, observations, metric, point, sourceRef),
            };
            if (!added)
            {
                result.Skipped++;
            }
        }
        AddNights(result, stages);
        return result;
    }

    /// <summary>Adds the BMI to weight readings that carry none, from the owner's height (as posted weights get it).</summary>
    public static void AddBmi(MaterializedReadings rows, double heightCm)
    {
        for (var i = 0; i < rows.Metrics.Count; i++)
        {
            var reading = rows.Metrics[i];
            if (reading.MetricType != MetricTypes.Weight || reading.Value is not { } kg || heightCm <= 0)
            {
                continue;
            }
            var values = JsonNode.Parse(reading.ValuesJson) as JsonObject ?? [];
            if (!values.ContainsKey("bmi"))
            {
                values["bmi"] = Math.Round(kg / Math.Pow(heightCm / 100, 2), 1);
                rows.Metrics[i] = reading with { ValuesJson = values.ToJsonString() };
            }
        }
    }

    private static bool AddHeartRate(MaterializedReadings result, ProcessedObservationPoint point, string sourceRef)
    {
        if (point.Value is not { } bpm || bpm < HeartRateRules.MinBpm || bpm > HeartRateRules.MaxBpm)
        {
            return false;
        }
        result.HeartRates.Add(new DeviceHeartRate(Guid.CreateVersion7(point.Timestamp), point.Timestamp, (short)point.UtcOffset, bpm, point.QualityScore, sourceRef));
        return true;
    }

    private static bool AddMetric(MaterializedReadings result, ObservationsProcessed observations, string metric, ProcessedObservationPoint point, string sourceRef)
    {
        if (point.Value is null && point.Values is not { Count: > 0 })
        {
            return false;
        }
        var values = JsonSerializer.Serialize(point.Values ?? new Dictionary<string, JsonElement>());
        result.Metrics.Add(new DeviceMetric(Guid.CreateVersion7(point.Timestamp), metric, point.Timestamp, (short)point.UtcOffset, point.Value,
            observations.Unit, values, point.QualityScore, sourceRef));
        return true;
    }

    // A night as ingestion publishes it: value = total sleep hours, values asleep/core/deep/rem/awake/in_bed and the
    // sleep_start/sleep_end (or in_bed_start/in_bed_end) times. Per-stage segments (values.stage, ended_at) are
    // collected and grouped into nights once the whole event is read (AddNights).
    private static bool AddSleep(MaterializedReadings result, ObservationsProcessed observations, ProcessedObservationPoint point, string sourceRef,
        DateTimeOffset now, List<SleepStageSegment> segments)
    {
        var values = point.Values ?? new Dictionary<string, JsonElement>();
        if (values.TryGetValue("stage", out var stageName))
        {
            // A segment longer than a session could never be part of one; bounding it also bounds the store's look-ups.
            if (stageName.ValueKind != JsonValueKind.String || Time(values, "ended_at") is not { } ended || ended <= point.Timestamp
                || ended - point.Timestamp > SleepRules.MaxSession)
            {
                return false;
            }
            segments.Add(new SleepStageSegment(point.Timestamp, ended, stageName.GetString()!.Trim().ToLowerInvariant().Replace(' ', '_'),
                point.UtcOffset, observations.DeviceId));
            return true;
        }
        var start = Time(values, "sleep_start") ?? Time(values, "in_bed_start") ?? point.Timestamp;
        var asleep = Number(values, "asleep");
        var hours = point.Value ?? asleep;
        var end = Time(values, "sleep_end") ?? Time(values, "in_bed_end") ?? (hours is { } h ? start.AddHours(h) : null);
        if (end is not { } e || e <= start || e - start > SleepRules.MaxSession)
        {
            return false;
        }
        var span = (e - start).TotalHours;
        var duration = Math.Min(hours ?? span, span);
        if (duration <= 0)
        {
            return false;
        }
        var stages = new Dictionary<string, double>();
        foreach (var (from, to) in new[] { ("core", "light_sleep_hours"), ("deep", "deep_sleep_hours"), ("rem", "rem_sleep_hours"), ("awake", "awake_hours") })
        {
            if (Number(values, from) is { } stage and >= 0)
            {
                stages[to] = Math.Round(stage, 3);
            }
        }
        double? efficiency = Number(values, "in_bed") is { } inBed and > 0 ? Math.Round(Math.Clamp((asleep ?? duration) / inBed * 100, 0, 100), 1) : null;
        using var stagesJson = JsonDocument.Parse(JsonSerializer.Serialize(stages));
        var session = new SleepSession
        {
            Id = Guid.CreateVersion7(start),
            StartTime = start.ToOffset(TimeSpan.FromMinutes(point.UtcOffset)),
            EndTime = e.ToOffset(TimeSpan.FromMinutes(point.UtcOffset)),
            DurationHours = Math.Round(duration, 3),
            SleepStages = stages.Count > 0 ? stagesJson.RootElement.Clone() : null,
            SleepEfficiency = efficiency,
            DeviceId = observations.DeviceId,
            CreatedAt = now,
        };
        result.SleepSessions.Add((session, sourceRef));
        return true;
    }

    // Stage segments (exports that send each stage of the night rather than the night's totals) are returned for the
    // store, which puts them together with the segments of the same night that other events brought
    // (DeviceSleepStore). A night that a nightly total of the same event already covers is not stored twice: its
    // segments are left out here.
    private static void AddNights(MaterializedReadings result, List<SleepStageSegment> segments)
    {
        foreach (var night in SleepNights.Group(segments))
        {
            var start = night[0].Start;
            var end = night.Max(s => s.End);
            if (result.SleepSessions.Any(n => n.Session.StartTime < end && n.Session.EndTime > start))
            {
                result.Skipped += night.Count;
                continue;
            }
            result.SleepStageSegments.AddRange(night);
        }
    }

    // A workout as ingestion publishes it: value = duration in seconds, values workout_id, name, ended_at and summaries
    // of {qty, units} (distance, activeEnergyBurned, stepCount, elevationUp, heartRate.avg...).
    private static bool AddWorkout(MaterializedReadings result, ObservationsProcessed observations, ProcessedObservationPoint point, DateTimeOffset now)
    {
        var values = point.Values ?? new Dictionary<string, JsonElement>();
        var start = point.Timestamp.ToOffset(TimeSpan.FromMinutes(point.UtcOffset));
        var end = Time(values, "ended_at")?.ToOffset(start.Offset) ?? (point.Value is { } seconds ? start.AddSeconds(seconds) : null);
        if (end is not { } e || e < start || e - start > ActivityRules.MaxDuration)
        {
            return false;
        }
        var duration = Math.Round(point.Value is { } s and > 0 && s / 60 <= (e - start).TotalMinutes + 1 ? s / 60 : (e - start).TotalMinutes, 2);
        var summaries = values.TryGetValue("summaries", out var element) && element.ValueKind == JsonValueKind.Object ? element : default;
        var distance = Quantity(summaries, ["distance", "walkingAndRunningDistance", "distanceWalkingRunning"]) is { } d ? ToKilometres(d) : null;
        var calories = Quantity(summaries, ["activeEnergyBurned", "activeEnergy", "totalEnergy"]) is { } c ? ToKilocalories(c) : null;
        var steps = Quantity(summaries, ["stepCount", "steps"])?.Qty;
        var elevation = Quantity(summaries, ["elevationUp", "elevation"]) is { } up ? ToMetres(up) : null;
        var heartRate = Quantity(summaries, ["heartRate.avg", "avgHeartRate", "averageHeartRate"])?.Qty;
        var name = values.TryGetValue("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var type = string.Join('_', (name ?? "workout").ToLowerInvariant().Split([' ', '-', '_', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(ch => char.IsAsciiLetterOrDigit(ch)).ToArray())).Where(w => w.Length > 0));
        var workoutId = values.TryGetValue("workout_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(start),
            ActivityType = type.Length == 0 ? "workout" : type,
            StartTime = start,
            EndTime = e,
            DurationMinutes = duration,
            DistanceKm = distance is >= 0 ? Math.Round(distance.Value, 3) : null,
            CaloriesBurned = calories is >= 0 ? Math.Round(calories.Value, 1) : null,
            Steps = steps is >= 0 and <= int.MaxValue ? (int)steps.Value : null,
            ElevationGainM = elevation is >= 0 ? Math.Round(elevation.Value, 1) : null,
            PaceMinPerKm = distance is > 0 && duration > 0 ? Math.Round(duration / distance.Value, 3) : null,
            AverageHeartRate = heartRate is >= HeartRateRules.MinBpm and <= HeartRateRules.MaxBpm ? heartRate : null,
            DeviceId = observations.DeviceId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        result.Activities.Add((activity, $"{observations.Source}:workout:{workoutId ?? start.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}"));
        return true;
    }

    private static (double Qty, string? Units)? Quantity(JsonElement summaries, string[] names)
    {
        if (summaries.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var name in names)
        {
            if (summaries.TryGetProperty(name, out var q) && q.ValueKind == JsonValueKind.Object
                && q.TryGetProperty("qty", out var qty) && qty.ValueKind == JsonValueKind.Number)
            {
                var units = q.TryGetProperty("units", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                return (qty.GetDouble(), units);
            }
        }
        return null;
    }

    private static double? ToKilometres((double Qty, string? Units) q) => q.Units?.ToLowerInvariant() switch
    {
        null or "km" => q.Qty,
        "mi" => q.Qty * 1.609344,
        "m" => q.Qty / 1000,
        "yd" => q.Qty * 0.0009144,
        _ => null,
    };

    private static double? ToKilocalories((double Qty, string? Units) q) => q.Units?.ToLowerInvariant() switch
    {
        null or "kcal" or "cal" => q.Qty,
        "kj" => q.Qty / 4.184,
        _ => null,
    };

    private static double? ToMetres((double Qty, string? Units) q) => q.Units?.ToLowerInvariant() switch
    {
        null or "m" => q.Qty,
        "ft" => q.Qty * 0.3048,
        "km" => q.Qty * 1000,
        _ => null,
    };

    private static double? Number(IReadOnlyDictionary<string, JsonElement> values, string name) =>
        values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, JsonElement> values, string name) =>
        values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var at) ? at : null;
}
