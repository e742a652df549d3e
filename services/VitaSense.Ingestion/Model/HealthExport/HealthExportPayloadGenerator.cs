using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// Writes realistic Health Auto Export payloads: minute-level heart rate, daily activity, weight, sleep (aggregated and
/// unaggregated), blood pressure, glucose with meal time, insulin, <c>vo2max</c> under its old spelling, a metric this
/// service does not know, and workouts in both formats with routes. Times are US Pacific across a DST change, written in
/// the app's 24-hour, 12-hour (U+202F before AM/PM), date-only and ISO 8601 forms. Streams as it writes.
/// </summary>
public static class HealthExportPayloadGenerator
{
    private static readonly string[] Sources = ["My Apple Watch", "My iPhone|My Apple Watch", "My iPhone"];
    private static readonly string[] MealTimes = ["Before Meal", "After Meal", "Unspecified"];
    private static readonly string[] Stages = ["Core", "Deep", "Core", "REM", "Awake", "Core"];

    /// <summary>Writes one payload to <paramref name="stream"/> and returns its counts.</summary>
    public static async Task<GeneratedPayloadSummary> WriteAsync(Stream stream, HealthExportGeneratorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Days, 1);
        var random = new Random(options.Seed);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        // Relaxed escaping so "·" and the like travel as raw UTF-8, as the app sends them.
        await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var invalid = 0;

        writer.WriteStartObject();
        writer.WriteStartObject("data");
        writer.WriteStartArray("metrics");

        await Metric(writer, "heart_rate", "count/min", counts, options, cancellationToken, (day, length) =>
        {
            var n = options.HeartRatePointsPerDay;
            for (var k = 0; k < n; k++)
            {
                // Spread over the day's real length: 23 or 25 hours on a DST change.
                var at = day + length * k / n;
                var avg = 58 + 20 * Math.Sin(at.Hour / 24.0 * Math.PI) + random.Next(0, 15);
                writer.WriteStartObject();
                writer.WriteString("date", Format24(at));
                writer.WriteNumber("Min", Math.Round(avg - random.Next(1, 6)));
                writer.WriteNumber("Avg", Math.Round(avg, 1));
                writer.WriteNumber("Max", Math.Round(avg + random.Next(1, 8)));
                writer.WriteString("source", Sources[0]);
                writer.WriteEndObject();
            }
            return n;
        });

        await Metric(writer, "step_count", "count", counts, options, cancellationToken, (day, _) =>
        {
            for (var k = 0; k < options.InvalidPointsPerDay; k++)
            {
                writer.WriteStartObject();
                writer.WriteString("date", "yesterday");
                writer.WriteNumber("qty", 10);
                writer.WriteEndObject();
                invalid++;
            }
            writer.WriteStartObject();
            writer.WriteString("date", Format24(day));
            writer.WriteNumber("qty", random.Next(2_000, 18_000));
            writer.WriteString("source", Sources[1]);
            writer.WriteEndObject();
            return 1;
        });

        await Metric(writer, "active_energy", "kcal", counts, options, cancellationToken, (day, _) =>
        {
            writer.WriteStartObject();
            writer.WriteString("date", Format24(day));
            writer.WriteNumber("qty", Math.Round(200 + random.NextDouble() * 700, 3));
            writer.WriteString("source", Sources[1]);
            writer.WriteEndObject();
            return 1;
        });

        await Metric(writer, "weight_body_mass", "kg", counts, options, cancellationToken, (day, _) =>
        {
            writer.WriteStartObject();
            writer.WriteString("date", FormatIso(day.AddHours(7)));
            writer.WriteNumber("qty", Math.Round(72 + random.NextDouble() * 2, 2));
            writer.WriteString("source", Sources[2]);
            writer.WriteStartObject("metadata");
            writer.WriteString("HKWasUserEntered", "1");
            writer.WriteEndObject();
            writer.WriteEndObject();
            return 1;
        });

        await Metric(writer, "sleep_analysis", "hr", counts, options, cancellationToken, (day, _) =>
        {
            var inBedStart = day.AddHours(-1.5 + random.NextDouble());
            var core = 3 + random.NextDouble();
            var deep = 1 + random.NextDouble() / 2;
            var rem = 1.5 + random.NextDouble() / 2;
            var awake = random.NextDouble() / 3;
            var total = core + deep + rem;
            writer.WriteStartObject();
            writer.WriteString("date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteNumber("totalSleep", Math.Round(total, 3));
            writer.WriteNumber("asleep", 0);
            writer.WriteNumber("core", Math.Round(core, 3));
            writer.WriteNumber("deep", Math.Round(deep, 3));
            writer.WriteNumber("rem", Math.Round(rem, 3));
            writer.WriteNumber("awake", Math.Round(awake, 3));
            writer.WriteString("sleepStart", Format24(inBedStart.AddMinutes(10)));
            writer.WriteString("sleepEnd", Format24(inBedStart.AddHours(total + awake).AddMinutes(10)));
            writer.WriteNumber("inBed", Math.Round(total + awake + 0.3, 3));
            writer.WriteString("inBedStart", Format24(inBedStart));
            writer.WriteString("inBedEnd", Format24(inBedStart.AddHours(total + awake + 0.3)));
            writer.WriteString("source", Sources[0]);
            writer.WriteEndObject();
            return 1;
        });

        // The app sends unaggregated sleep as its own metric entry when "aggregate" is off.
        await Metric(writer, "sleep_analysis", "hr", counts, options, cancellationToken, (day, _) =>
        {
            var at = day.AddHours(-1);
            foreach (var stage in Stages)
            {
                var hours = 0.3 + random.NextDouble() * 1.2;
                writer.WriteStartObject();
                writer.WriteString("startDate", Format24(at));
                writer.WriteString("endDate", Format24(at.AddHours(hours)));
                writer.WriteNumber("qty", Math.Round(hours, 3));
                writer.WriteString("value", stage);
                writer.WriteString("source", Sources[0]);
                writer.WriteEndObject();
                at = at.AddHours(hours);
            }
            return Stages.Length;
        });

        await Metric(writer, "blood_pressure", "mmHg", counts, options, cancellationToken, (day, _) =>
        {
            foreach (var hour in (ReadOnlySpan<int>)[8, 20])
            {
                writer.WriteStartObject();
                writer.WriteString("date", Format24(day.AddHours(hour).AddMinutes(random.Next(60))));
                writer.WriteNumber("systolic", random.Next(108, 135));
                writer.WriteNumber("diastolic", random.Next(68, 88));
                writer.WriteString("source", Sources[2]);
                writer.WriteEndObject();
            }
            return 2;
        });

        await Metric(writer, "blood_glucose", "mg/dL", counts, options, cancellationToken, (day, _) =>
        {
            for (var k = 0; k < 3; k++)
            {
                writer.WriteStartObject();
                WriteUnescaped(writer, "date", Format12(day.AddHours(7 + 5 * k).AddMinutes(random.Next(60)).AddSeconds(random.Next(60))));
                writer.WriteNumber("qty", random.Next(75, 160));
                writer.WriteString("mealTime", MealTimes[k]);
                writer.WriteString("source", Sources[2]);
                writer.WriteEndObject();
            }
            return 3;
        });

        await Metric(writer, "insulin_delivery", "IU", counts, options, cancellationToken, (day, _) =>
        {
            writer.WriteStartObject();
            writer.WriteString("date", Format24(day.AddHours(7.5)));
            writer.WriteNumber("qty", Math.Round(2 + random.NextDouble() * 6, 1));
            writer.WriteString("reason", "Bolus");
            writer.WriteString("source", Sources[2]);
            writer.WriteEndObject();
            return 1;
        });

        await Metric(writer, "vo2max", "ml/(kg·min)", counts, options, cancellationToken, (day, _) =>
        {
            writer.WriteStartObject();
            writer.WriteString("date", Format24(day.AddHours(9)));
            writer.WriteNumber("qty", Math.Round(40 + random.NextDouble() * 5, 2));
            writer.WriteString("source", Sources[0]);
            writer.WriteEndObject();
            return 1;
        });

        await Metric(writer, "time_in_daylight", "min", counts, options, cancellationToken, (day, _) =>
        {
            writer.WriteStartObject();
            writer.WriteString("date", Format24(day));
            writer.WriteNumber("qty", random.Next(10, 200));
            writer.WriteString("source", Sources[0]);
            writer.WriteEndObject();
            return 1;
        });

        writer.WriteEndArray();

        writer.WriteStartArray("workouts");
        var workouts = 0;
        var legacy = 0;
        var routePoints = 0;
        for (var d = 0; d < options.Days; d++)
        {
            for (var w = 0; w < options.WorkoutsPerDay; w++)
            {
                var start = Day(options, d).AddHours(6 + 2 * w).AddMinutes(random.Next(45));
                var isLegacy = workouts % 2 == 1;
                WriteWorkout(writer, random, start, options.RoutePointsPerWorkout, isLegacy, workouts);
                workouts++;
                legacy += isLegacy ? 1 : 0;
                routePoints += options.RoutePointsPerWorkout;
                await FlushIfFull(writer, cancellationToken);
            }
        }
        writer.WriteEndArray();

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return new GeneratedPayloadSummary(counts, workouts, legacy, routePoints, invalid, writer.BytesCommitted);
    }

    private static async Task Metric(Utf8JsonWriter writer, string name, string units, Dictionary<string, int> counts,
        HealthExportGeneratorOptions options, CancellationToken cancellationToken, Func<DateTimeOffset, TimeSpan, int> writeDay)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("units", units);
        writer.WriteStartArray("data");
        var written = 0;
        for (var d = 0; d < options.Days; d++)
        {
            written += writeDay(Day(options, d), Day(options, d + 1) - Day(options, d));
            await FlushIfFull(writer, cancellationToken);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        var canonical = MetricNames.Canonical(name);
        counts[canonical] = counts.GetValueOrDefault(canonical) + written;
    }

    private static Task FlushIfFull(Utf8JsonWriter writer, CancellationToken cancellationToken) =>
        writer.BytesPending > 64 * 1024 ? writer.FlushAsync(cancellationToken) : Task.CompletedTask;

    private static void WriteWorkout(Utf8JsonWriter writer, Random random, DateTimeOffset start, int routePoints, bool legacy, int number)
    {
        var minutes = 25 + random.Next(40);
        var end = start.AddMinutes(minutes);
        writer.WriteStartObject();
        if (!legacy)
        {
            writer.WriteString("id", $"{number:D8}-7A1B-4C2D-9E3F-{random.NextInt64(0, 0xFFFFFFFFFFFF):X12}");
        }
        writer.WriteString("name", legacy ? "Running" : "Outdoor Run");
        writer.WriteString("start", Format24(start));
        writer.WriteString("end", Format24(end));
        if (!legacy)
        {
            writer.WriteNumber("duration", minutes * 60);
            writer.WriteString("location", "Outdoor");
        }
        Quantity(writer, legacy ? "activeEnergy" : "activeEnergyBurned", Math.Round(minutes * (9 + random.NextDouble() * 4), 1), "kcal");
        Quantity(writer, "distance", Math.Round(minutes / 5.5, 2), "km");
        if (legacy)
        {
            Quantity(writer, "avgHeartRate", 145, "bpm");
            Quantity(writer, "maxHeartRate", 172, "bpm");
        }
        else
        {
            writer.WriteStartObject("heartRate");
            Quantity(writer, "min", 98, "bpm");
            Quantity(writer, "avg", 145, "bpm");
            Quantity(writer, "max", 172, "bpm");
            writer.WriteEndObject();
        }

        writer.WriteStartArray("heartRateData");
        for (var m = 0; m < minutes; m++)
        {
            var avg = 120 + random.Next(50);
            writer.WriteStartObject();
            writer.WriteString("date", Format24(start.AddMinutes(m)));
            if (legacy)
            {
                writer.WriteNumber("qty", avg);
            }
            else
            {
                writer.WriteNumber("Min", avg - 4);
                writer.WriteNumber("Avg", avg);
                writer.WriteNumber("Max", avg + 5);
            }
            writer.WriteString("units", "count/min");
            writer.WriteString("source", Sources[0]);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteStartArray("route");
        double latitude = 37.7749, longitude = -122.4194;
        for (var p = 0; p < routePoints; p++)
        {
            latitude += (random.NextDouble() - 0.4) * 0.0002;
            longitude += (random.NextDouble() - 0.4) * 0.0002;
            writer.WriteStartObject();
            writer.WriteNumber(legacy ? "lat" : "latitude", Math.Round(latitude, 6));
            writer.WriteNumber(legacy ? "lon" : "longitude", Math.Round(longitude, 6));
            writer.WriteNumber("altitude", Math.Round(15 + random.NextDouble() * 10, 1));
            writer.WriteString("timestamp", Format24(start.AddSeconds(p * minutes * 60.0 / Math.Max(1, routePoints))));
            if (!legacy)
            {
                writer.WriteNumber("speed", Math.Round(2.5 + random.NextDouble(), 2));
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // Every encoder escapes U+202F (it is a space separator); the app writes it raw, so the reader must meet it raw.
    private static void WriteUnescaped(Utf8JsonWriter writer, string name, string value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue("\"" + value + "\"", skipInputValidation: true);
    }

    private static void Quantity(Utf8JsonWriter writer, string name, double qty, string units)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("qty", qty);
        writer.WriteString("units", units);
        writer.WriteEndObject();
    }

    // Local midnight as an instant; all arithmetic is on instants, so the hour skipped by DST is never written.
    private static DateTimeOffset Day(HealthExportGeneratorOptions options, int d)
    {
        var midnight = options.StartDate.AddDays(d).ToDateTime(TimeOnly.MinValue);
        var standard = new DateTimeOffset(midnight, TimeSpan.FromHours(-8));
        return ToPacific(standard).Offset == TimeSpan.FromHours(-8) ? standard : new DateTimeOffset(midnight, TimeSpan.FromHours(-7));
    }

    // US Pacific: -08:00, or -07:00 from the second Sunday of March 02:00 PST to the first Sunday of November 02:00 PDT.
    private static DateTimeOffset ToPacific(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var dstStart = NthSunday(utc.Year, 3, 2).AddHours(10);
        var dstEnd = NthSunday(utc.Year, 11, 1).AddHours(9);
        return instant.ToOffset(utc >= dstStart && utc < dstEnd ? TimeSpan.FromHours(-7) : TimeSpan.FromHours(-8));
    }

    private static DateTime NthSunday(int year, int month, int n)
    {
        var first = new DateTime(year, month, 1);
        return first.AddDays((7 - (int)first.DayOfWeek) % 7 + 7 * (n - 1));
    }

    private static string Offset(TimeSpan offset, bool colon)
    {
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return colon ? $"{sign}{abs.Hours:00}:{abs.Minutes:00}" : $"{sign}{abs.Hours:00}{abs.Minutes:00}";
    }

    private static string Format24(DateTimeOffset instant)
    {
        var local = ToPacific(instant);
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + Offset(local.Offset, colon: false);
    }

    private static string Format12(DateTimeOffset instant)
    {
        var local = ToPacific(instant);
        return local.ToString("yyyy-MM-dd h:mm:ss", CultureInfo.InvariantCulture) + (local.Hour < 12 ? "\u202FAM " : "\u202FPM ") + Offset(local.Offset, colon: false);
    }

    private static string FormatIso(DateTimeOffset instant)
    {
        var local = ToPacific(instant);
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + Offset(local.Offset, colon: true);
    }
}
