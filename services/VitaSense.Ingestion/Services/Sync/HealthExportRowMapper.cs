using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VitaSense.Ingestion.Model.HealthExport;
using VitaSense.Ingestion.Model.Observations;
using VitaSense.Ingestion.Model.Sync;

namespace VitaSense.Ingestion.Services.Sync;

/// <summary>
/// Turns what <see cref="HealthExportReader"/> yields into rows of the observation tables: validates each entry
/// (dates not in the future, values physically possible, units known), converts values to the metric's canonical
/// unit keeping the original, and records every rejection in the summary. One bad entry never affects another.
/// </summary>
public sealed class HealthExportRowMapper(string userId, DateTimeOffset now, TimeSpan futureTolerance, IngestionSummary summary)
{
    /// <summary>The source of entries that name none.</summary>
    public const string UnspecifiedSource = "unspecified";

    private const string WorkoutsType = "workouts";
    private const string EcgType = "ecg";
    private const string SymptomsType = "symptoms";

    private readonly Dictionary<(string Metric, string Source), StreamRef> streams = [];
    private readonly Dictionary<StreamRef, long> staged = [];
    private readonly DateTimeOffset latestAllowed = now + futureTolerance;
    private (string? Name, MetricDefinition? Definition, TypeSummary? Type) lastMetric;
    private StreamRef? lastStream;

    /// <summary>Rows put in batches per stream, the count the writer's "newly stored" is compared with.</summary>
    public IReadOnlyDictionary<StreamRef, long> Staged => staged;

    /// <summary>Adds <paramref name="item"/>'s rows to <paramref name="batch"/>, or records why it was rejected.</summary>
    public void Add(HealthExportItem item, ObservationBatch batch)
    {
        switch (item)
        {
            case RejectedItem rejected:
                summary.For(rejected.Collection).Reject(new ItemError(rejected.Index, rejected.Field, rejected.Reason));
                break;
            case MetricPoint point:
                AddPoint(point, batch);
                break;
            case WorkoutItem workout:
                AddWorkout(workout, batch);
                break;
            case EcgRecording ecg:
                AddEcg(ecg, batch);
                break;
            case SymptomRecord symptom:
                AddSymptom(symptom, batch);
                break;
            case CollectionRecord record:
                AddRecord(record, batch);
                break;
        }
    }

    private void AddPoint(MetricPoint point, ObservationBatch batch)
    {
        // A payload lists a metric's points together: its definition and summary are looked up once per run of them.
        if (!ReferenceEquals(point.Metric, lastMetric.Name))
        {
            lastMetric = (point.Metric, MetricCatalog.Find(point.Metric), summary.For(point.Metric));
        }
        var definition = lastMetric.Definition;
        var type = lastMetric.Type!;
        if (definition is null && !type.Unknown)
        {
            type.Unknown = true;
            summary.UnknownMetrics.Add(point.Metric);
        }
        if (IsFuture(point.StartDate ?? point.Date, type, point.Index, "date"))
        {
            return;
        }

        switch (definition?.Shape)
        {
            case MetricShape.HeartRate:
                AddHeartRate(point, definition, type, batch);
                break;
            case MetricShape.BloodPressure:
                AddBloodPressure(point, definition, type, batch);
                break;
            case MetricShape.Sleep:
                AddSleep(point, definition, type, batch);
                break;
            case MetricShape.BloodGlucose:
                AddBloodGlucose(point, definition, type, batch);
                break;
            case MetricShape.Quantity or MetricShape.Insulin:
                AddQuantity(point, definition, type, batch);
                break;
            default:
                AddUnknown(point, type, batch);
                break;
        }
    }

    private void AddHeartRate(MetricPoint point, MetricDefinition definition, TypeSummary type, ObservationBatch batch)
    {
        var avg = point.Avg ?? point.Qty;
        if (avg is null)
        {
            type.Reject(new ItemError(point.Index, "Avg", "a heart_rate entry needs Avg (or qty)"));
            return;
        }
        if (!InRange(definition, point.Min, type, point.Index, "Min") || !InRange(definition, avg, type, point.Index, "Avg")
            || !InRange(definition, point.Max, type, point.Index, "Max"))
        {
            return;
        }
        if (point.Min > point.Max)
        {
            type.Reject(new ItemError(point.Index, "Min", $"Min {Format(point.Min)} is greater than Max {Format(point.Max)}"));
            return;
        }
        var stream = Stream(definition.Name, Source(point.Sources), definition.CanonicalUnit, type);
        batch.HeartRates.Add(new HeartRateRow(stream, point.Date, point.Min, avg.Value, point.Max, null, Context(point)));
        CountStaged(stream);
    }

    private void AddBloodPressure(MetricPoint point, MetricDefinition definition, TypeSummary type, ObservationBatch batch)
    {
        if (point.Systolic is not { } systolic || point.Diastolic is not { } diastolic)
        {
            type.Reject(new ItemError(point.Index, point.Systolic is null ? "systolic" : "diastolic", "a blood_pressure entry needs systolic and diastolic"));
            return;
        }
        if (!InRange(definition, systolic, type, point.Index, "systolic") || !InRange(definition, diastolic, type, point.Index, "diastolic"))
        {
            return;
        }
        if (diastolic >= systolic)
        {
            type.Reject(new ItemError(point.Index, "diastolic", $"diastolic {Format(diastolic)} is not below systolic {Format(systolic)}"));
            return;
        }
        var stream = Stream(definition.Name, Source(point.Sources), definition.CanonicalUnit, type);
        batch.BloodPressures.Add(new BloodPressureRow(stream, point.Date, systolic, diastolic, null));
        CountStaged(stream);
    }

    private void AddSleep(MetricPoint point, MetricDefinition definition, TypeSummary type, ObservationBatch batch)
    {
        var stream = Stream(definition.Name, Source(point.Sources), definition.CanonicalUnit, type);
        if (point.Sleep is { } sleep)
        {
            if (!TryHours(definition, point, sleep, type, out var hours))
            {
                return;
            }
            batch.SleepSessions.Add(new SleepSessionRow(stream, sleep.SleepStart ?? sleep.InBedStart ?? point.Date, hours));
            CountStaged(stream);
            return;
        }
        if (point.StartDate is { } start && point.EndDate is { } end && point.Value is { Length: > 0 } stage)
        {
            if (end < start)
            {
                type.Reject(new ItemError(point.Index, "endDate", "endDate is before startDate"));
                return;
            }
            batch.SleepStages.Add(new SleepStageRow(stream, start, end, stage));
            CountStaged(stream);
            return;
        }
        type.Reject(new ItemError(point.Index, null, "a sleep_analysis entry needs either the nightly fields (totalSleep, asleep, ...) or startDate, endDate and value"));
    }

    private bool TryHours(MetricDefinition definition, MetricPoint point, SleepSummary sleep, TypeSummary type, out SleepSummary hours)
    {
        hours = sleep;
        double? Convert(double? value, string field, ref bool ok)
        {
            if (value is not { } v || !ok)
            {
                return value;
            }
            if (!MetricUnits.TryNormalise(definition, point.Units, v, out var converted))
            {
                type.Reject(new ItemError(point.Index, null, $"unknown unit '{point.Units}' for {definition.Name}"));
                ok = false;
                return null;
            }
            if (converted < 0 || converted > 24)
            {
                type.Reject(new ItemError(point.Index, field, $"{field} {Format(v)} {point.Units} is outside 0 to 24 hours"));
                ok = false;
                return null;
            }
            return converted;
        }

        var ok = true;
        var result = new SleepSummary
        {
            TotalSleep = Convert(sleep.TotalSleep, "totalSleep", ref ok),
            Asleep = Convert(sleep.Asleep, "asleep", ref ok),
            Core = Convert(sleep.Core, "core", ref ok),
            Deep = Convert(sleep.Deep, "deep", ref ok),
            Rem = Convert(sleep.Rem, "rem", ref ok),
            Awake = Convert(sleep.Awake, "awake", ref ok),
            InBed = Convert(sleep.InBed, "inBed", ref ok),
            SleepStart = sleep.SleepStart,
            SleepEnd = sleep.SleepEnd,
            InBedStart = sleep.InBedStart,
            InBedEnd = sleep.InBedEnd,
        };
        if (ok && sleep.SleepStart > sleep.SleepEnd)
        {
            type.Reject(new ItemError(point.Index, "sleepEnd", "sleepEnd is before sleepStart"));
            ok = false;
        }
        hours = result;
        return ok;
    }

    private void AddBloodGlucose(MetricPoint point, MetricDefinition definition, TypeSummary type, ObservationBatch batch)
    {
        if (!TryCanonical(point, definition, type, out var value))
        {
            return;
        }
        var stream = Stream(definition.Name, Source(point.Sources), definition.CanonicalUnit, type);
        var converted = Original(point.Units, definition);
        batch.BloodGlucose.Add(new BloodGlucoseRow(stream, point.Date, value, converted ? point.Qty : null, converted ? point.Units : null, point.MealTime, null));
        CountStaged(stream);
    }

    private void AddQuantity(MetricPoint point, MetricDefinition definition, TypeSummary type, ObservationBatch batch)
    {
        // Some quantity metrics come as counts per category (sexual_activity: "Protection Used": 1, ...): kept whole.
        if (point.Qty is null && point.Extra is { Count: > 0 })
        {
            AddRecord(point, Stream(definition.Name, Source(point.Sources), definition.CanonicalUnit, type), batch);
            return;
        }
        if (!TryCanonical(point, definition, type, out var value))
        {
            return;
        }
        var stream = Stream(definition.Name, Source(point.Sources), definition.CanonicalUnit, type);
        var converted = Original(point.Units, definition);
        batch.Quantities.Add(new QuantityRow(stream, point.Date, value, converted ? point.Qty : null, converted ? point.Units : null, null, Context(point)));
        CountStaged(stream);
    }

    // A metric VitaSense does not know: its number is kept as sent, or the whole entry when it has no qty.
    private void AddUnknown(MetricPoint point, TypeSummary type, ObservationBatch batch)
    {
        var stream = Stream(point.Metric, Source(point.Sources), point.Units, type);
        if (point.Qty is { } qty)
        {
            if (!double.IsFinite(qty))
            {
                type.Reject(new ItemError(point.Index, "qty", "qty is not a finite number"));
                return;
            }
            batch.Quantities.Add(new QuantityRow(stream, point.Date, qty, null, null, null, Context(point)));
        }
        else
        {
            AddRecord(point, stream, batch);
            return;
        }
        CountStaged(stream);
    }

    private void AddRecord(MetricPoint point, StreamRef stream, ObservationBatch batch)
    {
        var json = JsonSerializer.Serialize(point.Extra ?? new Dictionary<string, string>());
        batch.HealthRecords.Add(new HealthRecordRow(stream, point.Date, point.EndDate, null, Key(json), json));
        CountStaged(stream);
    }

    private void AddWorkout(WorkoutItem workout, ObservationBatch batch)
    {
        var type = summary.For(WorkoutsType);
        if (IsFuture(workout.Start, type, workout.Index, "start"))
        {
            return;
        }
        if (workout.End < workout.Start)
        {
            type.Reject(new ItemError(workout.Index, "end", "end is before start"));
            return;
        }
        if (workout.Duration is < 0)
        {
            type.Reject(new ItemError(workout.Index, "duration", "duration is negative"));
            return;
        }
        var source = workout.Extra?.GetValueOrDefault("source") is { Length: > 0 } s ? s : UnspecifiedSource;
        var stream = Stream(WorkoutsType, source, "s", type);
        var key = workout.Id ?? $"legacy:{workout.Name}:{workout.Start.UtcTicks}";
        var summaries = JsonSerializer.Serialize(workout.Summaries.ToDictionary(p => p.Key, p => new { qty = p.Value.Qty, units = p.Value.Units }));
        var extra = workout.Extra is { Count: > 0 } ? JsonSerializer.Serialize(workout.Extra) : null;
        batch.Workouts.Add(new WorkoutRow(stream, key, workout, summaries, extra));
        foreach (var sample in workout.HeartRateData.DistinctBy(s => s.Date))
        {
            batch.WorkoutHeartRates.Add(new WorkoutHeartRateRow(stream, key, sample.Date, sample.Min, sample.Avg ?? sample.Qty, sample.Max));
        }
        for (var seq = 0; seq < workout.Route.Count; seq++)
        {
            batch.WorkoutRoutes.Add(new WorkoutRouteRow(stream, key, seq, workout.Route[seq]));
        }
        CountStaged(stream);
    }

    private void AddEcg(EcgRecording ecg, ObservationBatch batch)
    {
        var type = summary.For(EcgType);
        if (IsFuture(ecg.Start, type, ecg.Index, "start"))
        {
            return;
        }
        var stream = Stream(EcgType, Source(ecg.Sources), "count/min", type);
        var voltages = new float[ecg.Voltages.Count];
        for (var i = 0; i < voltages.Length; i++)
        {
            voltages[i] = (float)ecg.Voltages[i];
        }
        batch.Ecgs.Add(new EcgRow(stream, ecg.Start, ecg.End, ecg.Classification, ecg.AverageHeartRate, ecg.SamplingFrequency, voltages));
        CountStaged(stream);
    }

    private void AddSymptom(SymptomRecord symptom, ObservationBatch batch)
    {
        var type = summary.For(SymptomsType);
        if (IsFuture(symptom.Start, type, symptom.Index, "start"))
        {
            return;
        }
        var stream = Stream(SymptomsType, Source(symptom.Sources), null, type);
        batch.Symptoms.Add(new SymptomRow(stream, symptom.Name, symptom.Start, symptom.End, symptom.Severity, symptom.UserEntered));
        CountStaged(stream);
    }

    private void AddRecord(CollectionRecord record, ObservationBatch batch)
    {
        var type = summary.For(record.Collection);
        if (IsFuture(record.Start, type, record.Index, "start"))
        {
            return;
        }
        var stream = Stream(record.Collection, Source(record.Sources), null, type);
        batch.HealthRecords.Add(new HealthRecordRow(stream, record.Start, record.End, record.Name, Key(record.Json), record.Json));
        CountStaged(stream);
    }

    private bool TryCanonical(MetricPoint point, MetricDefinition definition, TypeSummary type, out double value)
    {
        value = 0;
        if (point.Qty is not { } qty)
        {
            type.Reject(new ItemError(point.Index, "qty", $"a {definition.Name} entry needs qty"));
            return false;
        }
        if (!MetricUnits.TryNormalise(definition, point.Units, qty, out value))
        {
            type.Reject(new ItemError(point.Index, "units", $"unknown unit '{point.Units}' for {definition.Name} (stored in {definition.CanonicalUnit})"));
            return false;
        }
        return InRange(definition, value, type, point.Index, "qty");
    }

    private static bool InRange(MetricDefinition definition, double? value, TypeSummary type, int index, string field)
    {
        if (value is not { } v)
        {
            return true;
        }
        if (double.IsFinite(v) && definition.IsPossible(v))
        {
            return true;
        }
        type.Reject(new ItemError(index, field,
            $"{field} {Format(v)} {definition.CanonicalUnit} is outside the possible range {Format(definition.Minimum)} to {Format(definition.Maximum)} for {definition.Name}"));
        return false;
    }

    private bool IsFuture(DateTimeOffset date, TypeSummary type, int index, string field)
    {
        if (date <= latestAllowed)
        {
            return false;
        }
        type.Reject(new ItemError(index, field, $"{field} {date:O} is in the future"));
        return true;
    }

    private static bool Original(string? units, MetricDefinition definition) =>
        !string.IsNullOrEmpty(units) && !string.Equals(units, definition.CanonicalUnit, StringComparison.Ordinal);

    private StreamRef Stream(string metric, string source, string? unit, TypeSummary type)
    {
        // Consecutive points share their metric and source strings (the reader reuses them): no hashing for those.
        if (lastStream is { } last && ReferenceEquals(metric, last.Metric) && ReferenceEquals(source, last.Source))
        {
            return last;
        }
        if (!streams.TryGetValue((metric, source), out var stream))
        {
            stream = new StreamRef(userId, metric, source, null, ObservationOrigins.HealthExport, unit);
            streams[(metric, source)] = stream;
            type.Unit ??= unit;
        }
        return lastStream = stream;
    }

    private void CountStaged(StreamRef stream) => staged[stream] = staged.GetValueOrDefault(stream) + 1;

    private static string Source(IReadOnlyList<string> sources) => sources.Count switch
    {
        0 => UnspecifiedSource,
        1 => sources[0],
        _ => string.Join('|', sources),
    };

    private static string? Context(MetricPoint point) =>
        point.Reason ?? (point.Metadata is { Count: > 0 } metadata ? JsonSerializer.Serialize(metadata) : null);

    // Records are deduplicated on their content: the same entry sent again has the same key.
    private static string Key(string json) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)), 0, 16);

    private static string Format(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "null";
}
