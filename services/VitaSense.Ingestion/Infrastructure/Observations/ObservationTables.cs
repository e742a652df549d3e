using System.Text.Json;
using VitaSense.Ingestion.Model.Observations;

namespace VitaSense.Ingestion.Infrastructure.Observations;

/// <summary>
/// The observation tables of <c>0003_observations.sql</c> as the bulk writer copies them. The <c>ingestion_id</c>
/// every top-level row carries is the same for a whole batch, so the merge adds it rather than each row.
/// </summary>
public static class ObservationTables
{
    private const string Common = "stream_id integer, observed_at timestamptz, utc_offset smallint";

    /// <summary><c>quantity_observations</c>.</summary>
    public static readonly StagingTable<QuantityRow> Quantity = new(
        "quantity_observations",
        $"{Common}, value float8, original_value float8, original_unit text, quality text, context text",
        "stream_id, observed_at",
        null,
        b => b.Quantities,
        (w, r) =>
        {
            Start(w, r.Stream, r.ObservedAt);
            w.Write(r.Value);
            w.Write(r.OriginalValue);
            w.Write(r.OriginalUnit);
            w.Write(r.Quality);
            w.Write(r.Context);
        },
        r => Key(r.Stream, r.ObservedAt),
        (j, r) =>
        {
            j.WriteNumber(PointJson.UtcOffset, OffsetMinutes(r.ObservedAt));
            PointJson.Number(j, PointJson.Value, r.Value);
            Quality(j, r.Quality);
        });

    /// <summary><c>heart_rate_observations</c>.</summary>
    public static readonly StagingTable<HeartRateRow> HeartRate = new(
        "heart_rate_observations",
        $"{Common}, min float8, avg float8, max float8, quality text, context text",
        "stream_id, observed_at",
        null,
        b => b.HeartRates,
        (w, r) =>
        {
            Start(w, r.Stream, r.ObservedAt);
            w.Write(r.Min);
            w.Write(r.Avg);
            w.Write(r.Max);
            w.Write(r.Quality);
            w.Write(r.Context);
        },
        r => Key(r.Stream, r.ObservedAt),
        (j, r) =>
        {
            j.WriteNumber(PointJson.UtcOffset, OffsetMinutes(r.ObservedAt));
            PointJson.Number(j, PointJson.Value, r.Avg);
            if (r.Min is not null || r.Max is not null)
            {
                j.WriteStartObject(PointJson.Values);
                PointJson.Number(j, PointJson.Min, r.Min);
                PointJson.Number(j, PointJson.Max, r.Max);
                j.WriteEndObject();
            }
            Quality(j, r.Quality);
        });

    /// <summary><c>blood_pressure_observations</c>.</summary>
    public static readonly StagingTable<BloodPressureRow> BloodPressure = new(
        "blood_pressure_observations",
        $"{Common}, systolic float8, diastolic float8, quality text",
        "stream_id, observed_at",
        null,
        b => b.BloodPressures,
        (w, r) =>
        {
            Start(w, r.Stream, r.ObservedAt);
            w.Write(r.Systolic);
            w.Write(r.Diastolic);
            w.Write(r.Quality);
        },
        r => Key(r.Stream, r.ObservedAt),
        (j, r) =>
        {
            j.WriteNumber(PointJson.UtcOffset, OffsetMinutes(r.ObservedAt));
            j.WriteStartObject("values");
            j.WriteNumber("systolic", r.Systolic);
            j.WriteNumber("diastolic", r.Diastolic);
            j.WriteEndObject();
            Quality(j, r.Quality);
        });

    /// <summary><c>blood_glucose_observations</c>.</summary>
    public static readonly StagingTable<BloodGlucoseRow> BloodGlucose = new(
        "blood_glucose_observations",
        $"{Common}, value float8, original_value float8, original_unit text, meal_time text, quality text",
        "stream_id, observed_at",
        null,
        b => b.BloodGlucose,
        (w, r) =>
        {
            Start(w, r.Stream, r.ObservedAt);
            w.Write(r.Value);
            w.Write(r.OriginalValue);
            w.Write(r.OriginalUnit);
            w.Write(r.MealTime);
            w.Write(r.Quality);
        },
        r => Key(r.Stream, r.ObservedAt),
        (j, r) =>
        {
            j.WriteNumber(PointJson.UtcOffset, OffsetMinutes(r.ObservedAt));
            PointJson.Number(j, PointJson.Value, r.Value);
            if (r.MealTime is not null)
            {
                j.WriteStartObject("values");
                j.WriteString("meal_time", r.MealTime);
                j.WriteEndObject();
            }
            Quality(j, r.Quality);
        });

    /// <summary><c>sleep_stages</c>.</summary>
    public static readonly StagingTable<SleepStageRow> SleepStages = new(
        "sleep_stages",
        $"{Common}, ended_at timestamptz, stage text",
        "stream_id, observed_at, stage",
        "stage",
        b => b.SleepStages,
        (w, r) =>
        {
            Start(w, r.Stream, r.Start);
            w.Write(r.End);
            w.Write(r.Stage);
        },
        r => Key(r.Stream, r.Start, r.Stage),
        (j, r) =>
        {
            j.WriteNumber(PointJson.UtcOffset, OffsetMinutes(r.Start));
            j.WriteNumber("value", (r.End - r.Start).TotalHours);
            j.WriteStartObject("values");
            j.WriteString("stage", r.Stage);
            j.WriteString("ended_at", r.End.ToUniversalTime());
            j.WriteEndObject();
        });

    /// <summary><c>sleep_sessions</c>.</summary>
    public static readonly StagingTable<SleepSessionRow> SleepSessions = new(
        "sleep_sessions",
        $"{Common}, sleep_start timestamptz, sleep_end timestamptz, in_bed_start timestamptz, in_bed_end timestamptz, "
            + "total_sleep float8, asleep float8, core float8, deep float8, rem float8, awake float8, in_bed float8",
        "stream_id, observed_at",
        null,
        b => b.SleepSessions,
        (w, r) =>
        {
            Start(w, r.Stream, r.ObservedAt);
            var s = r.Sleep;
            w.Write(s.SleepStart);
            w.Write(s.SleepEnd);
            w.Write(s.InBedStart);
            w.Write(s.InBedEnd);
            w.Write(s.TotalSleep);
            w.Write(s.Asleep);
            w.Write(s.Core);
            w.Write(s.Deep);
            w.Write(s.Rem);
            w.Write(s.Awake);
            w.Write(s.InBed);
        },
        r => Key(r.Stream, r.ObservedAt),
        (j, r) =>
        {
            j.WriteNumber(PointJson.UtcOffset, OffsetMinutes(r.ObservedAt));
            var s = r.Sleep;
            Number(j, "value", s.TotalSleep);
            j.WriteStartObject("values");
            Number(j, "asleep", s.Asleep);
            Number(j, "core", s.Core);
            Number(j, "deep", s.Deep);
            Number(j, "rem", s.Rem);
            Number(j, "awake", s.Awake);
            Number(j, "in_bed", s.InBed);
            Time(j, "sleep_start", s.SleepStart);
            Time(j, "sleep_end", s.SleepEnd);
            Time(j, "in_bed_start", s.InBedStart);
            Time(j, "in_bed_end", s.InBedEnd);
            j.WriteEndObject();
        });

    /// <summary><c>workouts</c>.</summary>
    public static readonly StagingTable<WorkoutRow> Workouts = new(
        "workouts",
        "stream_id integer, workout_key text, name text, observed_at timestamptz, ended_at timestamptz, utc_offset smallint, "
            + "duration_s float8, legacy boolean, summaries jsonb, extra jsonb",
        "stream_id, workout_key",
        "workout_key",
        b => b.Workouts,
        (w, r) =>
        {
            w.Write(r.Stream.Id);
            w.Write(r.Key);
            w.Write(r.Workout.Name);
            w.Write(r.Workout.Start);
            w.Write(r.Workout.End);
            w.Write(OffsetMinutes(r.Workout.Start));
            w.Write(r.Workout.Duration);
            w.Write(r.Workout.IsLegacy);
            w.WriteJsonb(r.SummariesJson);
            w.WriteJsonbOrNull(r.ExtraJson);
        },
        r => Key(r.Stream, r.Workout.Start, r.Key),
        (j, r) =>
        {
            j.WriteNumber(PointJson.UtcOffset, OffsetMinutes(r.Workout.Start));
            Number(j, "value", r.Workout.Duration ?? (r.Workout.End - r.Workout.Start).TotalSeconds);
            j.WriteStartObject("values");
            j.WriteString("workout_id", r.Key);
            j.WriteString("name", r.Workout.Name);
            j.WriteString("ended_at", r.Workout.End.ToUniversalTime());
            j.WritePropertyName("summaries");
            j.WriteRawValue(r.SummariesJson, skipInputValidation: true);
            j.WriteEndObject();
        });

    /// <summary><c>workout_heart_rate</c>.</summary>
    public static readonly StagingTable<WorkoutHeartRateRow> WorkoutHeartRate = new(
        "workout_heart_rate",
        "stream_id integer, workout_key text, observed_at timestamptz, min float8, avg float8, max float8",
        "stream_id, workout_key, observed_at",
        null,
        b => b.WorkoutHeartRates,
        (w, r) =>
        {
            w.Write(r.Stream.Id);
            w.Write(r.Key);
            w.Write(r.ObservedAt);
            w.Write(r.Min);
            w.Write(r.Avg);
            w.Write(r.Max);
        },
        r => Key(r.Stream, r.ObservedAt, r.Key),
        null);

    /// <summary><c>workout_route</c>.</summary>
    public static readonly StagingTable<WorkoutRouteRow> WorkoutRoute = new(
        "workout_route",
        "stream_id integer, workout_key text, seq integer, observed_at timestamptz, latitude float8, longitude float8, altitude float8, speed float8",
        "stream_id, workout_key, seq",
        null,
        b => b.WorkoutRoutes,
        (w, r) =>
        {
            w.Write(r.Stream.Id);
            w.Write(r.Key);
            w.Write(r.Seq);
            w.Write(r.Point.Timestamp);
            w.Write(r.Point.Latitude);
            w.Write(r.Point.Longitude);
            w.Write(r.Point.Altitude);
            w.Write(r.Point.Speed);
        },
        r => new RowKey(r.Stream.Id, r.Seq, r.Key),
        null);

    /// <summary><c>ecg_recordings</c>.</summary>
    public static readonly StagingTable<EcgRow> Ecg = new(
        "ecg_recordings",
        $"{Common}, ended_at timestamptz, classification text, average_heart_rate float8, sampling_frequency float8, voltages real[]",
        "stream_id, observed_at",
        null,
        b => b.Ecgs,
        (w, r) =>
        {
            Start(w, r.Stream, r.Start);
            w.Write(r.End);
            w.Write(r.Classification);
            w.Write(r.AverageHeartRate);
            w.Write(r.SamplingFrequency);
            w.Write(r.Voltages);
        },
        r => Key(r.Stream, r.Start),
        (j, r) =>
        {
            j.WriteNumber(PointJson.UtcOffset, OffsetMinutes(r.Start));
            Number(j, "value", r.AverageHeartRate);
            j.WriteStartObject("values");
            if (r.Classification is not null)
            {
                j.WriteString("classification", r.Classification);
            }
            Number(j, "sampling_frequency", r.SamplingFrequency);
            j.WriteNumber("samples", r.Voltages.Length);
            Time(j, "ended_at", r.End);
            j.WriteEndObject();
        });

    /// <summary><c>symptoms</c>.</summary>
    public static readonly StagingTable<SymptomRow> Symptoms = new(
        "symptoms",
        "stream_id integer, name text, observed_at timestamptz, ended_at timestamptz, utc_offset smallint, severity text, user_entered boolean",
        "stream_id, name, observed_at",
        "name",
        b => b.Symptoms,
        (w, r) =>
        {
            w.Write(r.Stream.Id);
            w.Write(r.Name);
            w.Write(r.Start);
            w.Write(r.End);
            w.Write(OffsetMinutes(r.Start));
            w.Write(r.Severity);
            w.Write(r.UserEntered);
        },
        r => Key(r.Stream, r.Start, r.Name),
        (j, r) =>
        {
            j.WriteNumber(PointJson.UtcOffset, OffsetMinutes(r.Start));
            j.WriteStartObject("values");
            j.WriteString("name", r.Name);
            if (r.Severity is not null)
            {
                j.WriteString("severity", r.Severity);
            }
            Time(j, "ended_at", r.End);
            j.WriteEndObject();
        });

    /// <summary><c>health_records</c>.</summary>
    public static readonly StagingTable<HealthRecordRow> HealthRecords = new(
        "health_records",
        $"{Common}, ended_at timestamptz, name text, record_key text, payload jsonb",
        "stream_id, observed_at, record_key",
        "record_key",
        b => b.HealthRecords,
        (w, r) =>
        {
            Start(w, r.Stream, r.Start);
            w.Write(r.End);
            w.Write(r.Name);
            w.Write(r.RecordKey);
            w.WriteJsonb(r.Json);
        },
        r => Key(r.Stream, r.Start, r.RecordKey),
        (j, r) =>
        {
            j.WriteNumber(PointJson.UtcOffset, OffsetMinutes(r.Start));
            j.WriteStartObject("values");
            if (r.Name is not null)
            {
                j.WriteString("name", r.Name);
            }
            Time(j, "ended_at", r.End);
            j.WritePropertyName("record");
            j.WriteRawValue(r.Json, skipInputValidation: true);
            j.WriteEndObject();
        });

    /// <summary>Every table, parents before the tables holding their parts.</summary>
    public static readonly IReadOnlyList<StagingTable> All =
        [Quantity, HeartRate, BloodPressure, BloodGlucose, SleepStages, SleepSessions, Workouts, WorkoutHeartRate, WorkoutRoute, Ecg, Symptoms, HealthRecords];

    /// <summary>The tables partitioned by month on <c>observed_at</c>.</summary>
    public static readonly IReadOnlyList<string> Partitioned =
        [Quantity.Table, HeartRate.Table, BloodPressure.Table, BloodGlucose.Table, SleepStages.Table];

    /// <summary>The reading's own UTC offset in whole minutes.</summary>
    public static short OffsetMinutes(DateTimeOffset value) => (short)value.Offset.TotalMinutes;

    /// <summary>The identity of a row: PostgreSQL keeps microseconds, so ticks are cut to them to compare with what it returns.</summary>
    public static RowKey Key(StreamRef stream, DateTimeOffset observedAt, string? extra = null) =>
        new(stream.Id, observedAt.UtcTicks / 10 * 10, extra);

    private static void Quality(Utf8JsonWriter writer, string? quality)
    {
        if (quality is not null)
        {
            writer.WriteString(PointJson.Quality, quality);
        }
    }

    private static void Number(Utf8JsonWriter writer, string name, double? value) =>
        PointJson.Number(writer, JsonEncodedText.Encode(name), value);

    private static void Time(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, v.ToUniversalTime());
        }
    }

    private static void Start(BinaryCopyWriter writer, StreamRef stream, DateTimeOffset observedAt)
    {
        writer.Write(stream.Id);
        // timestamptz is the instant; the reading's own offset is kept in its own column.
        writer.Write(observedAt);
        writer.Write(OffsetMinutes(observedAt));
    }
}
