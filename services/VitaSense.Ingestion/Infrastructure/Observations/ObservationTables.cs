using Npgsql;
using NpgsqlTypes;
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
        "stream_id, observed_at, utc_offset, value AS v, NULL::json AS vals, quality",
        b => b.Quantities,
        (w, r) =>
        {
            Start(w, r.Stream, r.ObservedAt);
            w.Write(r.Value, NpgsqlDbType.Double);
            Nullable(w, r.OriginalValue);
            Nullable(w, r.OriginalUnit);
            Nullable(w, r.Quality);
            Nullable(w, r.Context);
        });

    /// <summary><c>heart_rate_observations</c>.</summary>
    public static readonly StagingTable<HeartRateRow> HeartRate = new(
        "heart_rate_observations",
        $"{Common}, min float8, avg float8, max float8, quality text, context text",
        "stream_id, observed_at",
        "stream_id, observed_at, utc_offset, avg AS v, CASE WHEN min IS NULL AND max IS NULL THEN NULL ELSE json_build_object('min', min, 'max', max) END AS vals, quality",
        b => b.HeartRates,
        (w, r) =>
        {
            Start(w, r.Stream, r.ObservedAt);
            Nullable(w, r.Min);
            w.Write(r.Avg, NpgsqlDbType.Double);
            Nullable(w, r.Max);
            Nullable(w, r.Quality);
            Nullable(w, r.Context);
        });

    /// <summary><c>blood_pressure_observations</c>.</summary>
    public static readonly StagingTable<BloodPressureRow> BloodPressure = new(
        "blood_pressure_observations",
        $"{Common}, systolic float8, diastolic float8, quality text",
        "stream_id, observed_at",
        "stream_id, observed_at, utc_offset, NULL::float8 AS v, json_build_object('systolic', systolic, 'diastolic', diastolic) AS vals, quality",
        b => b.BloodPressures,
        (w, r) =>
        {
            Start(w, r.Stream, r.ObservedAt);
            w.Write(r.Systolic, NpgsqlDbType.Double);
            w.Write(r.Diastolic, NpgsqlDbType.Double);
            Nullable(w, r.Quality);
        });

    /// <summary><c>blood_glucose_observations</c>.</summary>
    public static readonly StagingTable<BloodGlucoseRow> BloodGlucose = new(
        "blood_glucose_observations",
        $"{Common}, value float8, original_value float8, original_unit text, meal_time text, quality text",
        "stream_id, observed_at",
        "stream_id, observed_at, utc_offset, value AS v, CASE WHEN meal_time IS NULL THEN NULL ELSE json_build_object('meal_time', meal_time) END AS vals, quality",
        b => b.BloodGlucose,
        (w, r) =>
        {
            Start(w, r.Stream, r.ObservedAt);
            w.Write(r.Value, NpgsqlDbType.Double);
            Nullable(w, r.OriginalValue);
            Nullable(w, r.OriginalUnit);
            Nullable(w, r.MealTime);
            Nullable(w, r.Quality);
        });

    /// <summary><c>sleep_stages</c>.</summary>
    public static readonly StagingTable<SleepStageRow> SleepStages = new(
        "sleep_stages",
        $"{Common}, ended_at timestamptz, stage text",
        "stream_id, observed_at, stage",
        "stream_id, observed_at, utc_offset, extract(epoch FROM ended_at - observed_at)::float8 / 3600 AS v, json_build_object('stage', stage, 'ended_at', ended_at) AS vals, NULL::text AS quality",
        b => b.SleepStages,
        (w, r) =>
        {
            Start(w, r.Stream, r.Start);
            w.Write(r.End.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            w.Write(r.Stage, NpgsqlDbType.Text);
        });

    /// <summary><c>sleep_sessions</c>.</summary>
    public static readonly StagingTable<SleepSessionRow> SleepSessions = new(
        "sleep_sessions",
        $"{Common}, sleep_start timestamptz, sleep_end timestamptz, in_bed_start timestamptz, in_bed_end timestamptz, "
            + "total_sleep float8, asleep float8, core float8, deep float8, rem float8, awake float8, in_bed float8",
        "stream_id, observed_at",
        "stream_id, observed_at, utc_offset, total_sleep AS v, json_strip_nulls(json_build_object('asleep', asleep, 'core', core, 'deep', deep, "
            + "'rem', rem, 'awake', awake, 'in_bed', in_bed, 'sleep_start', sleep_start, 'sleep_end', sleep_end, 'in_bed_start', in_bed_start, "
            + "'in_bed_end', in_bed_end)) AS vals, NULL::text AS quality",
        b => b.SleepSessions,
        (w, r) =>
        {
            Start(w, r.Stream, r.ObservedAt);
            var s = r.Sleep;
            Nullable(w, s.SleepStart);
            Nullable(w, s.SleepEnd);
            Nullable(w, s.InBedStart);
            Nullable(w, s.InBedEnd);
            Nullable(w, s.TotalSleep);
            Nullable(w, s.Asleep);
            Nullable(w, s.Core);
            Nullable(w, s.Deep);
            Nullable(w, s.Rem);
            Nullable(w, s.Awake);
            Nullable(w, s.InBed);
        });

    /// <summary><c>workouts</c>.</summary>
    public static readonly StagingTable<WorkoutRow> Workouts = new(
        "workouts",
        "stream_id integer, workout_key text, name text, observed_at timestamptz, ended_at timestamptz, utc_offset smallint, "
            + "duration_s float8, legacy boolean, summaries jsonb, extra jsonb",
        "stream_id, workout_key",
        "stream_id, observed_at, utc_offset, duration_s AS v, json_build_object('workout_id', workout_key, 'name', name, 'ended_at', ended_at, "
            + "'summaries', summaries) AS vals, NULL::text AS quality",
        b => b.Workouts,
        (w, r) =>
        {
            w.Write(r.Stream.Id, NpgsqlDbType.Integer);
            w.Write(r.Key, NpgsqlDbType.Text);
            w.Write(r.Workout.Name, NpgsqlDbType.Text);
            w.Write(r.Workout.Start.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            w.Write(r.Workout.End.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            w.Write(OffsetMinutes(r.Workout.Start), NpgsqlDbType.Smallint);
            Nullable(w, r.Workout.Duration);
            w.Write(r.Workout.IsLegacy, NpgsqlDbType.Boolean);
            w.Write(r.SummariesJson, NpgsqlDbType.Jsonb);
            if (r.ExtraJson is null)
            {
                w.WriteNull();
            }
            else
            {
                w.Write(r.ExtraJson, NpgsqlDbType.Jsonb);
            }
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
            w.Write(r.Stream.Id, NpgsqlDbType.Integer);
            w.Write(r.Key, NpgsqlDbType.Text);
            w.Write(r.ObservedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            Nullable(w, r.Min);
            Nullable(w, r.Avg);
            Nullable(w, r.Max);
        });

    /// <summary><c>workout_route</c>.</summary>
    public static readonly StagingTable<WorkoutRouteRow> WorkoutRoute = new(
        "workout_route",
        "stream_id integer, workout_key text, seq integer, observed_at timestamptz, latitude float8, longitude float8, altitude float8, speed float8",
        "stream_id, workout_key, seq",
        null,
        b => b.WorkoutRoutes,
        (w, r) =>
        {
            w.Write(r.Stream.Id, NpgsqlDbType.Integer);
            w.Write(r.Key, NpgsqlDbType.Text);
            w.Write(r.Seq, NpgsqlDbType.Integer);
            Nullable(w, r.Point.Timestamp);
            w.Write(r.Point.Latitude, NpgsqlDbType.Double);
            w.Write(r.Point.Longitude, NpgsqlDbType.Double);
            Nullable(w, r.Point.Altitude);
            Nullable(w, r.Point.Speed);
        });

    /// <summary><c>ecg_recordings</c>.</summary>
    public static readonly StagingTable<EcgRow> Ecg = new(
        "ecg_recordings",
        $"{Common}, ended_at timestamptz, classification text, average_heart_rate float8, sampling_frequency float8, voltages real[]",
        "stream_id, observed_at",
        "stream_id, observed_at, utc_offset, average_heart_rate AS v, json_strip_nulls(json_build_object('classification', classification, "
            + "'sampling_frequency', sampling_frequency, 'samples', cardinality(voltages), 'ended_at', ended_at)) AS vals, NULL::text AS quality",
        b => b.Ecgs,
        (w, r) =>
        {
            Start(w, r.Stream, r.Start);
            Nullable(w, r.End);
            Nullable(w, r.Classification);
            Nullable(w, r.AverageHeartRate);
            Nullable(w, r.SamplingFrequency);
            w.Write(r.Voltages, NpgsqlDbType.Array | NpgsqlDbType.Real);
        });

    /// <summary><c>symptoms</c>.</summary>
    public static readonly StagingTable<SymptomRow> Symptoms = new(
        "symptoms",
        "stream_id integer, name text, observed_at timestamptz, ended_at timestamptz, utc_offset smallint, severity text, user_entered boolean",
        "stream_id, name, observed_at",
        "stream_id, observed_at, utc_offset, NULL::float8 AS v, json_strip_nulls(json_build_object('name', name, 'severity', severity, 'ended_at', ended_at)) AS vals, NULL::text AS quality",
        b => b.Symptoms,
        (w, r) =>
        {
            w.Write(r.Stream.Id, NpgsqlDbType.Integer);
            w.Write(r.Name, NpgsqlDbType.Text);
            w.Write(r.Start.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            Nullable(w, r.End);
            w.Write(OffsetMinutes(r.Start), NpgsqlDbType.Smallint);
            Nullable(w, r.Severity);
            if (r.UserEntered is { } userEntered)
            {
                w.Write(userEntered, NpgsqlDbType.Boolean);
            }
            else
            {
                w.WriteNull();
            }
        });

    /// <summary><c>health_records</c>.</summary>
    public static readonly StagingTable<HealthRecordRow> HealthRecords = new(
        "health_records",
        $"{Common}, ended_at timestamptz, name text, record_key text, payload jsonb",
        "stream_id, observed_at, record_key",
        "stream_id, observed_at, utc_offset, NULL::float8 AS v, json_strip_nulls(json_build_object('name', name, 'ended_at', ended_at, 'record', payload)) AS vals, NULL::text AS quality",
        b => b.HealthRecords,
        (w, r) =>
        {
            Start(w, r.Stream, r.Start);
            Nullable(w, r.End);
            Nullable(w, r.Name);
            w.Write(r.RecordKey, NpgsqlDbType.Text);
            w.Write(r.Json, NpgsqlDbType.Jsonb);
        });

    /// <summary>Every table, parents before the tables holding their parts.</summary>
    public static readonly IReadOnlyList<StagingTable> All =
        [Quantity, HeartRate, BloodPressure, BloodGlucose, SleepStages, SleepSessions, Workouts, WorkoutHeartRate, WorkoutRoute, Ecg, Symptoms, HealthRecords];

    /// <summary>The tables partitioned by month on <c>observed_at</c>.</summary>
    public static readonly IReadOnlyList<string> Partitioned =
        [Quantity.Table, HeartRate.Table, BloodPressure.Table, BloodGlucose.Table, SleepStages.Table];

    /// <summary>The reading's own UTC offset in whole minutes.</summary>
    public static short OffsetMinutes(DateTimeOffset value) => (short)value.Offset.TotalMinutes;

    private static void Start(NpgsqlBinaryImporter writer, StreamRef stream, DateTimeOffset observedAt)
    {
        writer.Write(stream.Id, NpgsqlDbType.Integer);
        // Npgsql writes timestamptz only from UTC values; the offset is kept in its own column.
        writer.Write(observedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        writer.Write(OffsetMinutes(observedAt), NpgsqlDbType.Smallint);
    }

    private static void Nullable(NpgsqlBinaryImporter writer, double? value)
    {
        if (value is { } v)
        {
            writer.Write(v, NpgsqlDbType.Double);
        }
        else
        {
            writer.WriteNull();
        }
    }

    private static void Nullable(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Text);
        }
    }

    private static void Nullable(NpgsqlBinaryImporter writer, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            writer.Write(v.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        }
        else
        {
            writer.WriteNull();
        }
    }
}
