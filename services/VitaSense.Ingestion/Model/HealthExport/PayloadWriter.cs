using System.Text.Json;

namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>One run of <see cref="HealthExportPayloadGenerator"/>: the writer, the random sequence and the counts so far.</summary>
internal sealed class PayloadWriter(Utf8JsonWriter writer, HealthExportGeneratorOptions options)
{
    private enum DateForm
    {
        H24, H12, Iso, DateOnly, Millis,
    }

    private const string Watch = "My Apple Watch";
    private const string Both = "My iPhone|My Apple Watch";
    private const string Phone = "My iPhone";

    private static readonly JsonEncodedText WatchText = JsonEncodedText.Encode(Watch);
    private static readonly string[] MealTimes = ["Before Meal", "After Meal", "Unspecified"];
    private static readonly string[] Stages = ["Core", "Deep", "Core", "REM", "Awake", "Core"];
    private static readonly string[] Sources = [Watch, Both, Phone];
    private static readonly string[] Symptoms = ["Headache", "Fatigue", "Coughing", "Runny Nose", "Nausea", "Dizziness"];
    private static readonly string[] Severities = ["Mild", "Moderate", "Severe", "Present"];
    private static readonly string[] Classifications = ["Sinus Rhythm", "Sinus Rhythm", "Sinus Rhythm", "Inconclusive", "Atrial Fibrillation"];
    private static readonly string[] Labels = ["Calm", "Focused", "Content", "Stressed", "Happy", "Tired"];
    private static readonly string[] Associations = ["Work", "Family", "Fitness", "Weather", "Travel"];

    // Written with their own shapes below; every other catalog metric is written from GeneratedMetricProfiles.
    private static readonly HashSet<string> WrittenSpecially = new(StringComparer.Ordinal)
    {
        MetricNames.HeartRate, "step_count", "active_energy", "weight_body_mass", MetricNames.SleepAnalysis, MetricNames.BloodPressure,
        MetricNames.BloodGlucose, MetricNames.InsulinDelivery, "vo2_max", "time_in_daylight", "sexual_activity",
    };

    private readonly Random _random = new(options.Seed);
    private readonly GeneratorClock _clock = new(options);
    private readonly Dictionary<string, int> _points = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _records = new(StringComparer.Ordinal);
    private int _invalid;
    private int _ecgSamples;

    public async Task<GeneratedPayloadSummary> WriteAsync(CancellationToken cancellationToken)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("data"u8);
        writer.WriteStartArray("metrics"u8);
        await WriteOriginalMetricsAsync(cancellationToken);
        if (options.IncludeAllMetrics)
        {
            await WriteEveryOtherMetricAsync(cancellationToken);
        }
        writer.WriteEndArray();

        var (workouts, legacy, routePoints) = await WriteWorkoutsAsync(cancellationToken);

        if (options.IncludeOtherCollections)
        {
            await Collection("stateOfMind", HealthExportCollections.StateOfMind, cancellationToken, StateOfMind);
            await Collection("medications", HealthExportCollections.Medications, cancellationToken, Medications);
            await Collection("symptoms", HealthExportCollections.Symptoms, cancellationToken, Symptom);
            await Collection("cycleTracking", HealthExportCollections.CycleTracking, cancellationToken, CycleTracking);
            await Collection("ecg", HealthExportCollections.Ecg, cancellationToken, Ecg);
            await Collection("heartRateNotifications", HealthExportCollections.HeartRateNotifications, cancellationToken, HeartRateNotification);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        var daysAbroad = Enumerable.Range(0, options.Days).Count(_clock.IsAbroad);
        return new GeneratedPayloadSummary(_points, workouts, legacy, routePoints, _invalid, writer.BytesCommitted)
        {
            RecordsByCollection = _records, EcgVoltageSamples = _ecgSamples, DaysAbroad = daysAbroad,
        };
    }

    private async Task WriteOriginalMetricsAsync(CancellationToken cancellationToken)
    {
        await Metric("heart_rate", "count/min", cancellationToken, (day, length, _) =>
        {
            var n = options.HeartRatePointsPerDay;
            for (var k = 0; k < n; k++)
            {
                // Spread over the day's real length: 23 or 25 hours on a DST change, 15 or 33 on a flight.
                var at = day + length * k / n;
                var avg = 58 + 20 * Math.Sin(at.Hour / 24.0 * Math.PI) + _random.Next(0, 15);
                writer.WriteStartObject();
                Date("date"u8, at);
                // Integers and tenths are written without double formatting: heart rate is most of the payload and of the time.
                writer.WriteNumber("Min"u8, (int)Math.Round(avg - _random.Next(1, 6)));
                Tenths("Avg"u8, avg);
                writer.WriteNumber("Max"u8, (int)Math.Round(avg + _random.Next(1, 8)));
                writer.WriteString("source"u8, WatchText);
                writer.WriteEndObject();
            }
            return n;
        });

        await Metric("step_count", "count", cancellationToken, (day, _, _) =>
        {
            for (var k = 0; k < options.InvalidPointsPerDay; k++)
            {
                writer.WriteStartObject();
                writer.WriteString("date"u8, "yesterday"u8);
                writer.WriteNumber("qty"u8, 10);
                writer.WriteEndObject();
                _invalid++;
            }
            Quantity(day, _random.Next(2_000, 18_000), Both);
            return 1;
        });

        await Metric("active_energy", "kcal", cancellationToken, (day, _, _) =>
        {
            Quantity(day, Math.Round(200 + _random.NextDouble() * 700, 3), Both);
            return 1;
        });

        await Metric("weight_body_mass", "kg", cancellationToken, (day, _, _) =>
        {
            writer.WriteStartObject();
            Date("date"u8, day.AddHours(7), DateForm.Iso);
            writer.WriteNumber("qty"u8, Math.Round(72 + _random.NextDouble() * 2, 2));
            writer.WriteString("source"u8, Phone);
            writer.WriteStartObject("metadata"u8);
            writer.WriteString("HKWasUserEntered"u8, "1"u8);
            writer.WriteEndObject();
            writer.WriteEndObject();
            return 1;
        });

        await Metric("sleep_analysis", "hr", cancellationToken, (day, _, _) =>
        {
            var inBedStart = day.AddHours(-1.5 + _random.NextDouble());
            var core = 3 + _random.NextDouble();
            var deep = 1 + _random.NextDouble() / 2;
            var rem = 1.5 + _random.NextDouble() / 2;
            var awake = _random.NextDouble() / 3;
            var total = core + deep + rem;
            writer.WriteStartObject();
            Date("date"u8, day, DateForm.DateOnly);
            writer.WriteNumber("totalSleep"u8, Math.Round(total, 3));
            writer.WriteNumber("asleep"u8, 0);
            writer.WriteNumber("core"u8, Math.Round(core, 3));
            writer.WriteNumber("deep"u8, Math.Round(deep, 3));
            writer.WriteNumber("rem"u8, Math.Round(rem, 3));
            writer.WriteNumber("awake"u8, Math.Round(awake, 3));
            Date("sleepStart"u8, inBedStart.AddMinutes(10));
            Date("sleepEnd"u8, inBedStart.AddHours(total + awake).AddMinutes(10));
            writer.WriteNumber("inBed"u8, Math.Round(total + awake + 0.3, 3));
            Date("inBedStart"u8, inBedStart);
            Date("inBedEnd"u8, inBedStart.AddHours(total + awake + 0.3));
            writer.WriteString("source"u8, WatchText);
            writer.WriteEndObject();
            return 1;
        });

        // The app sends unaggregated sleep as its own metric entry when "aggregate" is off.
        await Metric("sleep_analysis", "hr", cancellationToken, (day, _, _) =>
        {
            var at = day.AddHours(-1);
            foreach (var stage in Stages)
            {
                var hours = 0.3 + _random.NextDouble() * 1.2;
                writer.WriteStartObject();
                Date("startDate"u8, at);
                Date("endDate"u8, at.AddHours(hours));
                writer.WriteNumber("qty"u8, Math.Round(hours, 3));
                writer.WriteString("value"u8, stage);
                writer.WriteString("source"u8, WatchText);
                writer.WriteEndObject();
                at = at.AddHours(hours);
            }
            return Stages.Length;
        });

        await Metric("blood_pressure", "mmHg", cancellationToken, (day, _, _) =>
        {
            foreach (var hour in (ReadOnlySpan<int>)[8, 20])
            {
                writer.WriteStartObject();
                Date("date"u8, day.AddHours(hour).AddMinutes(_random.Next(60)));
                writer.WriteNumber("systolic"u8, _random.Next(108, 135));
                writer.WriteNumber("diastolic"u8, _random.Next(68, 88));
                writer.WriteString("source"u8, Phone);
                writer.WriteEndObject();
            }
            return 2;
        });

        await Metric("blood_glucose", "mg/dL", cancellationToken, (day, _, _) =>
        {
            for (var k = 0; k < 3; k++)
            {
                writer.WriteStartObject();
                Date("date"u8, day.AddHours(7 + 5 * k).AddMinutes(_random.Next(60)).AddSeconds(_random.Next(60)), DateForm.H12);
                writer.WriteNumber("qty"u8, _random.Next(75, 160));
                writer.WriteString("mealTime"u8, MealTimes[k]);
                writer.WriteString("source"u8, Phone);
                writer.WriteEndObject();
            }
            return 3;
        });

        await Metric("insulin_delivery", "IU", cancellationToken, (day, _, _) =>
        {
            writer.WriteStartObject();
            Date("date"u8, day.AddHours(7.5));
            writer.WriteNumber("qty"u8, Math.Round(2 + _random.NextDouble() * 6, 1));
            writer.WriteString("reason"u8, "Bolus"u8);
            writer.WriteString("source"u8, Phone);
            writer.WriteEndObject();
            return 1;
        });

        await Metric("vo2max", "ml/(kg·min)", cancellationToken, (day, _, _) =>
        {
            Quantity(day.AddHours(9), Math.Round(40 + _random.NextDouble() * 5, 2), Watch);
            return 1;
        });

        await Metric("time_in_daylight", "min", cancellationToken, (day, _, _) =>
        {
            Quantity(day, _random.Next(10, 200), Watch);
            return 1;
        });
    }

    private async Task WriteEveryOtherMetricAsync(CancellationToken cancellationToken)
    {
        // A second scale in pounds and a glucose monitor in mmol/L: the same metric in two units within one payload.
        await Metric("weight_body_mass", "lb", cancellationToken, (day, _, _) =>
        {
            Quantity(day.AddHours(6.5), Math.Round(158 + _random.NextDouble() * 5, 1), "Withings Body+", DateForm.Iso);
            return 1;
        });
        await Metric("blood_glucose", "mmol/L", cancellationToken, (day, _, _) =>
        {
            writer.WriteStartObject();
            Date("date"u8, day.AddHours(3).AddMinutes(_random.Next(60)));
            writer.WriteNumber("qty"u8, Math.Round(4.4 + _random.NextDouble() * 3.9, 1));
            writer.WriteString("mealTime"u8, "Unspecified"u8);
            writer.WriteString("source"u8, "Dexcom G7"u8);
            writer.WriteEndObject();
            return 1;
        });
        await Metric("sexual_activity", "count", cancellationToken, (day, _, _) =>
        {
            writer.WriteStartObject();
            Date("date"u8, day.AddHours(22).AddMinutes(_random.Next(60)));
            var protection = _random.Next(3);
            writer.WriteNumber("Unspecified"u8, protection == 0 ? 1 : 0);
            writer.WriteNumber("Protection Used"u8, protection == 1 ? 1 : 0);
            writer.WriteNumber("Protection Not Used"u8, protection == 2 ? 1 : 0);
            writer.WriteString("source"u8, Phone);
            writer.WriteEndObject();
            return 1;
        });

        var number = 0;
        foreach (var metric in MetricCatalog.All)
        {
            if (WrittenSpecially.Contains(metric.Name))
            {
                continue;
            }
            if (!GeneratedMetricProfiles.ByMetric.TryGetValue(metric.Name, out var profile))
            {
                throw new InvalidOperationException($"The generator has no realistic values for '{metric.Name}'.");
            }
            var form = (number % 4) switch { 0 => DateForm.H12, 1 => DateForm.Iso, _ => DateForm.H24 };
            var hour = 7 + number * 5 % 14;
            number++;
            await Metric(metric.Name, profile.Units, cancellationToken, (day, _, _) =>
            {
                var qty = Math.Round(profile.Low + _random.NextDouble() * (profile.High - profile.Low), profile.Decimals);
                writer.WriteStartObject();
                Date("date"u8, day.AddHours(hour).AddMinutes(_random.Next(60)), form);
                writer.WriteNumber("qty"u8, qty);
                if (metric.Category == "hygiene")
                {
                    // Apple counts a handwash of 20 s and a toothbrushing of 2 min as complete.
                    writer.WriteString("value"u8, qty >= (metric.Name == "handwashing" ? 20 : 120) ? "Complete"u8 : "Incomplete"u8);
                }
                writer.WriteString("source"u8, profile.Source);
                writer.WriteEndObject();
                return 1;
            });
        }
    }

    private async Task<(int Workouts, int Legacy, int RoutePoints)> WriteWorkoutsAsync(CancellationToken cancellationToken)
    {
        writer.WriteStartArray("workouts"u8);
        var workouts = 0;
        var legacy = 0;
        var routePoints = 0;
        for (var d = 0; d < options.Days; d++)
        {
            for (var w = 0; w < options.WorkoutsPerDay; w++)
            {
                var start = _clock.Day(d).AddHours(6 + 2 * w).AddMinutes(_random.Next(45));
                var isLegacy = workouts % 2 == 1;
                Workout(start, isLegacy, workouts, _clock.IsAbroad(d));
                workouts++;
                legacy += isLegacy ? 1 : 0;
                routePoints += options.RoutePointsPerWorkout;
                await FlushIfFull(cancellationToken);
            }
        }
        writer.WriteEndArray();
        return (workouts, legacy, routePoints);
    }

    private async Task Metric(string name, string units, CancellationToken cancellationToken, Func<DateTimeOffset, TimeSpan, int, int> writeDay)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, name);
        writer.WriteString("units"u8, units);
        writer.WriteStartArray("data"u8);
        var written = 0;
        for (var d = 0; d < options.Days; d++)
        {
            written += writeDay(_clock.Day(d), _clock.Day(d + 1) - _clock.Day(d), d);
            await FlushIfFull(cancellationToken);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        var canonical = MetricNames.Canonical(name);
        _points[canonical] = _points.GetValueOrDefault(canonical) + written;
    }

    private async Task Collection(string property, string canonical, CancellationToken cancellationToken, Func<DateTimeOffset, int, int> writeDay)
    {
        writer.WriteStartArray(property);
        var written = 0;
        for (var d = 0; d < options.Days; d++)
        {
            written += writeDay(_clock.Day(d), d);
            await FlushIfFull(cancellationToken);
        }
        writer.WriteEndArray();
        _records[canonical] = _records.GetValueOrDefault(canonical) + written;
    }

    private int StateOfMind(DateTimeOffset day, int d)
    {
        Span<byte> id = stackalloc byte[16];
        _random.NextBytes(id);
        var start = day.AddHours(12 + _random.Next(9)).AddMinutes(_random.Next(60));
        var valence = Math.Round(_random.NextDouble() * 1.6 - 0.7, 2);
        writer.WriteStartObject();
        writer.WriteString("id"u8, new Guid(id).ToString("D").ToUpperInvariant());
        Date("start"u8, start, d % 2 == 0 ? DateForm.H12 : DateForm.H24);
        Date("end"u8, start.AddMinutes(1), d % 2 == 0 ? DateForm.H12 : DateForm.H24);
        writer.WriteString("kind"u8, d % 2 == 0 ? "Daily Mood"u8 : "Momentary Emotion"u8);
        writer.WriteStartArray("labels"u8);
        writer.WriteStringValue(Labels[_random.Next(Labels.Length)]);
        writer.WriteStringValue(Labels[_random.Next(Labels.Length)]);
        writer.WriteEndArray();
        writer.WriteStartArray("associations"u8);
        writer.WriteStringValue(Associations[_random.Next(Associations.Length)]);
        writer.WriteEndArray();
        writer.WriteNumber("valence"u8, valence);
        writer.WriteNumber("valenceClassification"u8, valence < -0.2 ? -1 : valence > 0.2 ? 1 : 0);
        writer.WriteStartObject("metadata"u8);
        writer.WriteEndObject();
        writer.WriteEndObject();
        return 1;
    }

    private int Medications(DateTimeOffset day, int d)
    {
        // Morning dose in 12-hour form (raw U+202F), evening dose in ISO form.
        Medication(day.AddHours(8).AddMinutes(_random.Next(30)), "Metformin 500 mg", "861007", DateForm.H12, d);
        Medication(day.AddHours(21).AddMinutes(_random.Next(30)), "Atorvastatin 20 mg", "617310", DateForm.Iso, d);
        return 2;
    }

    private void Medication(DateTimeOffset taken, string displayText, string code, DateForm form, int d)
    {
        var scheduled = new DateTimeOffset(taken.Year, taken.Month, taken.Day, taken.Hour, 0, 0, taken.Offset);
        writer.WriteStartObject();
        writer.WriteString("displayText"u8, displayText);
        Date("start"u8, taken, form);
        Date("end"u8, taken, form);
        writer.WriteString("status"u8, d % 7 == 6 ? "Skipped"u8 : "Taken"u8);
        writer.WriteNumber("dosage"u8, 1);
        writer.WriteString("units"u8, "tablet"u8);
        writer.WriteBoolean("isArchived"u8, false);
        writer.WriteStartArray("codings"u8);
        writer.WriteStartObject();
        writer.WriteString("system"u8, "http://www.nlm.nih.gov/research/umls/rxnorm"u8);
        writer.WriteString("version"u8, ""u8);
        writer.WriteString("code"u8, code);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteNumber("scheduledDosage"u8, 1);
        Date("scheduledDate"u8, scheduled, DateForm.H12);
        writer.WriteEndObject();
    }

    private int Symptom(DateTimeOffset day, int d)
    {
        var start = day.AddHours(9 + _random.Next(8)).AddMinutes(_random.Next(60));
        var form = d % 2 == 0 ? DateForm.H12 : DateForm.H24;
        writer.WriteStartObject();
        Date("start"u8, start, form);
        Date("end"u8, start.AddHours(1 + _random.Next(4)), form);
        writer.WriteString("name"u8, Symptoms[d % Symptoms.Length]);
        writer.WriteString("severity"u8, Severities[_random.Next(Severities.Length)]);
        writer.WriteBoolean("userEntered"u8, true);
        writer.WriteString("source"u8, Sources[d % Sources.Length]);
        writer.WriteEndObject();
        return 1;
    }

    private int CycleTracking(DateTimeOffset day, int d)
    {
        // The entry's time field varies across app versions: each of them appears.
        writer.WriteStartObject();
        switch (d % 4)
        {
            case 0:
                writer.WriteString("name"u8, "Menstrual Flow"u8);
                writer.WriteString("value"u8, "Medium"u8);
                writer.WriteBoolean("isCycleStart"u8, d % 28 == 0);
                Date("startDate"u8, day.AddHours(8));
                Date("endDate"u8, day.AddHours(20));
                break;
            case 1:
                writer.WriteString("name"u8, "Cervical Mucus Quality"u8);
                writer.WriteString("value"u8, "Creamy"u8);
                Date("date"u8, day.AddHours(7.5));
                break;
            case 2:
                writer.WriteString("name"u8, "Ovulation Test Result"u8);
                writer.WriteString("value"u8, "Negative"u8);
                Date("start"u8, day.AddHours(7), DateForm.H12);
                Date("end"u8, day.AddHours(7), DateForm.H12);
                break;
            default:
                writer.WriteString("name"u8, "Intermenstrual Bleeding"u8);
                writer.WriteString("value"u8, "Present"u8);
                Date("start"u8, day.AddHours(13), DateForm.Iso);
                break;
        }
        writer.WriteString("source"u8, Phone);
        writer.WriteEndObject();
        return 1;
    }

    private int Ecg(DateTimeOffset day, int d)
    {
        const double frequency = 512;
        var start = day.AddHours(10).AddMinutes(_random.Next(120));
        var heartRate = 62 + _random.Next(20);
        var inMillivolts = d % 2 == 1;
        var n = options.EcgVoltageSamples;
        writer.WriteStartObject();
        Date("start"u8, start, d % 2 == 0 ? DateForm.H12 : DateForm.H24);
        Date("end"u8, start.AddSeconds(30), d % 2 == 0 ? DateForm.H12 : DateForm.H24);
        writer.WriteString("classification"u8, Classifications[d % Classifications.Length]);
        writer.WriteString("severity"u8, "Not Set"u8);
        writer.WriteNumber("averageHeartRate"u8, heartRate);
        writer.WriteNumber("numberOfVoltageMeasurements"u8, n);
        writer.WriteNumber("samplingFrequency"u8, frequency);
        writer.WriteString("source"u8, WatchText);
        writer.WriteStartArray("voltageMeasurements"u8);
        var beat = 60.0 / heartRate;
        for (var k = 0; k < n; k++)
        {
            var t = k / frequency;
            var millivolts = EcgWave(t % beat / beat) + (_random.NextDouble() - 0.5) * 0.04;
            writer.WriteStartObject();
            Date("date"u8, start.AddTicks((long)(t * TimeSpan.TicksPerSecond)), DateForm.Millis);
            writer.WriteNumber("voltage"u8, inMillivolts ? Math.Round(millivolts, 4) : Math.Round(millivolts / 1000, 7));
            writer.WriteString("units"u8, inMillivolts ? "mV"u8 : "V"u8);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        _ecgSamples += n;
        return 1;
    }

    // P wave, QRS complex and T wave of one beat, in millivolts, over the beat's phase 0..1.
    private static double EcgWave(double phase) =>
        0.15 * Bump(phase, 0.2, 0.025) - 0.1 * Bump(phase, 0.36, 0.008) + 1.1 * Bump(phase, 0.4, 0.01)
        - 0.25 * Bump(phase, 0.43, 0.008) + 0.3 * Bump(phase, 0.7, 0.04);

    private static double Bump(double x, double centre, double width) => Math.Exp(-(x - centre) * (x - centre) / (2 * width * width));

    private int HeartRateNotification(DateTimeOffset day, int d)
    {
        if (d % 3 != 1)
        {
            return 0;
        }
        var start = day.AddHours(15).AddMinutes(_random.Next(120));
        writer.WriteStartObject();
        Date("start"u8, start);
        Date("end"u8, start.AddMinutes(10));
        writer.WriteNumber("threshold"u8, 120);
        writer.WriteStartArray("heartRate"u8);
        for (var k = 0; k < 6; k++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("hr"u8, 121 + _random.Next(20));
            writer.WriteString("units"u8, "bpm"u8);
            Stamp(start.AddSeconds(100 * k), 5);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("heartRateVariation"u8);
        for (var k = 0; k < 2; k++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("hrv"u8, 20 + _random.Next(30));
            writer.WriteString("units"u8, "ms"u8);
            Stamp(start.AddSeconds(300 * k), 60);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        return 1;
    }

    private void Stamp(DateTimeOffset start, int seconds)
    {
        writer.WriteStartObject("timestamp"u8);
        Date("start"u8, start);
        Date("end"u8, start.AddSeconds(seconds));
        writer.WriteStartObject("interval"u8);
        writer.WriteNumber("duration"u8, seconds);
        writer.WriteString("units"u8, "s"u8);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private void Workout(DateTimeOffset start, bool legacy, int number, bool abroad)
    {
        var minutes = 25 + _random.Next(40);
        var end = start.AddMinutes(minutes);
        writer.WriteStartObject();
        if (!legacy)
        {
            writer.WriteString("id"u8, $"{number:D8}-7A1B-4C2D-9E3F-{_random.NextInt64(0, 0xFFFFFFFFFFFF):X12}");
        }
        writer.WriteString("name"u8, legacy ? "Running"u8 : "Outdoor Run"u8);
        Date("start"u8, start);
        Date("end"u8, end);
        if (!legacy)
        {
            writer.WriteNumber("duration"u8, minutes * 60);
            writer.WriteString("location"u8, "Outdoor"u8);
        }
        WorkoutQuantity(legacy ? "activeEnergy"u8 : "activeEnergyBurned"u8, Math.Round(minutes * (9 + _random.NextDouble() * 4), 1), "kcal"u8);
        WorkoutQuantity("distance"u8, Math.Round(minutes / 5.5, 2), "km"u8);
        if (legacy)
        {
            WorkoutQuantity("avgHeartRate"u8, 145, "bpm"u8);
            WorkoutQuantity("maxHeartRate"u8, 172, "bpm"u8);
        }
        else
        {
            writer.WriteStartObject("heartRate"u8);
            WorkoutQuantity("min"u8, 98, "bpm"u8);
            WorkoutQuantity("avg"u8, 145, "bpm"u8);
            WorkoutQuantity("max"u8, 172, "bpm"u8);
            writer.WriteEndObject();
        }

        writer.WriteStartArray("heartRateData"u8);
        for (var m = 0; m < minutes; m++)
        {
            var avg = 120 + _random.Next(50);
            writer.WriteStartObject();
            Date("date"u8, start.AddMinutes(m));
            if (legacy)
            {
                writer.WriteNumber("qty"u8, avg);
            }
            else
            {
                writer.WriteNumber("Min"u8, avg - 4);
                writer.WriteNumber("Avg"u8, avg);
                writer.WriteNumber("Max"u8, avg + 5);
            }
            writer.WriteString("units"u8, "count/min"u8);
            writer.WriteString("source"u8, WatchText);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteStartArray("route"u8);
        // Golden Gate Park at home, the Tiergarten abroad.
        double latitude = abroad ? 52.5145 : 37.7694, longitude = abroad ? 13.3501 : -122.4862;
        var routePoints = options.RoutePointsPerWorkout;
        for (var p = 0; p < routePoints; p++)
        {
            latitude += (_random.NextDouble() - 0.4) * 0.0002;
            longitude += (_random.NextDouble() - 0.4) * 0.0002;
            writer.WriteStartObject();
            writer.WriteNumber(legacy ? "lat"u8 : "latitude"u8, Math.Round(latitude, 6));
            writer.WriteNumber(legacy ? "lon"u8 : "longitude"u8, Math.Round(longitude, 6));
            writer.WriteNumber("altitude"u8, Math.Round(15 + _random.NextDouble() * 10, 1));
            Date("timestamp"u8, start.AddSeconds(p * minutes * 60.0 / Math.Max(1, routePoints)));
            if (!legacy)
            {
                writer.WriteNumber("speed"u8, Math.Round(2.5 + _random.NextDouble(), 2));
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private void Quantity(DateTimeOffset at, double qty, string source, DateForm form = DateForm.H24)
    {
        writer.WriteStartObject();
        Date("date"u8, at, form);
        writer.WriteNumber("qty"u8, qty);
        writer.WriteString("source"u8, source);
        writer.WriteEndObject();
    }

    private void WorkoutQuantity(ReadOnlySpan<byte> name, double qty, ReadOnlySpan<byte> units)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("qty"u8, qty);
        writer.WriteString("units"u8, units);
        writer.WriteEndObject();
    }

    // A non-negative value rounded to one decimal, written as "63", "63.4" or "0.4" as double formatting would.
    private void Tenths(ReadOnlySpan<byte> name, double value)
    {
        var tenths = (long)Math.Round(value * 10, MidpointRounding.ToEven);
        if (tenths % 10 == 0)
        {
            writer.WriteNumber(name, tenths / 10);
            return;
        }
        Span<byte> buffer = stackalloc byte[24];
        tenths.TryFormat(buffer, out var length, provider: System.Globalization.CultureInfo.InvariantCulture);
        buffer[length] = buffer[length - 1];
        buffer[length - 1] = (byte)'.';
        length++;
        if (tenths < 10)
        {
            buffer[..length].CopyTo(buffer[1..]);
            buffer[0] = (byte)'0';
            length++;
        }
        writer.WritePropertyName(name);
        writer.WriteRawValue(buffer[..length], skipInputValidation: true);
    }

    // Dates go out raw: every encoder escapes U+202F (a space separator), and the app writes it unescaped.
    private void Date(ReadOnlySpan<byte> name, DateTimeOffset instant, DateForm form = DateForm.H24)
    {
        Span<byte> buffer = stackalloc byte[48];
        var length = form switch
        {
            DateForm.H12 => _clock.Format12(instant, buffer),
            DateForm.Iso => _clock.FormatIso(instant, buffer),
            DateForm.DateOnly => _clock.FormatDate(instant, buffer),
            DateForm.Millis => _clock.Format24Millis(instant, buffer),
            _ => _clock.Format24(instant, buffer),
        };
        writer.WritePropertyName(name);
        writer.WriteRawValue(buffer[..length], skipInputValidation: true);
    }

    private Task FlushIfFull(CancellationToken cancellationToken) =>
        writer.BytesPending > 64 * 1024 ? writer.FlushAsync(cancellationToken) : Task.CompletedTask;
}
