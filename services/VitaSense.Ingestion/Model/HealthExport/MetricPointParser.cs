using System.Text.Json;

namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// Turns the bytes of one entry of a metric's <c>data</c> array into a <see cref="MetricPoint"/> or a <see cref="RejectedItem"/>.
/// Keeps the last <c>source</c> it split, because consecutive points nearly always share it.
/// </summary>
internal sealed class MetricPointParser
{
    // Metrics whose points mean nothing without a qty; an unknown metric is kept whatever it holds.
    private static readonly HashSet<string> QuantityMetrics = new(StringComparer.Ordinal)
    {
        "step_count", "active_energy", "basal_energy_burned", "weight_body_mass", "body_mass_index", "body_fat_percentage",
        MetricNames.BloodGlucose, MetricNames.InsulinDelivery, "vo2_max", "resting_heart_rate", "walking_running_distance",
        "flights_climbed", "blood_oxygen_saturation", "respiratory_rate", "heart_rate_variability", "body_temperature",
    };

    private byte[] _lastSource = [];
    private string[] _lastSources = [];

    /// <summary>
    /// Parses the point whose <c>{</c> <paramref name="reader"/> is on, leaving it on the point's <c>}</c>. Null when
    /// <paramref name="json"/> (the reader's buffer) ends before the point does: the caller rewinds and retries with
    /// more bytes. Reading with the caller's reader rather than finding the point's end first and reading it again
    /// halves the tokenizing of a large export.
    /// </summary>
    public HealthExportItem? Parse(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string metric, string? units, int index)
    {
        var depth = reader.CurrentDepth;
        DateTimeOffset? date = null, startDate = null, endDate = null;
        var dateOnly = false;
        double? qty = null, min = null, avg = null, max = null, systolic = null, diastolic = null;
        double? totalSleep = null, asleep = null, core = null, deep = null, rem = null, awake = null, inBed = null;
        DateTimeOffset? sleepStart = null, sleepEnd = null, inBedStart = null, inBedEnd = null;
        string? value = null, mealTime = null, reason = null;
        IReadOnlyList<string> sources = [];
        Dictionary<string, string>? metadata = null, extra = null;

        while (true)
        {
            if (!reader.Read())
            {
                return null;
            }
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                break;
            }
            // The name is classified before moving on rather than the reader copied: a Utf8JsonReader is a large
            // struct, and copying one per property was a third of the parse.
            var field = Classify(ref reader);
            var nameStart = (int)reader.TokenStartIndex;
            if (!reader.Read() || (field is PointField.Metadata or PointField.Other && !IsComplete(reader)))
            {
                return null;
            }
            bool ok;
            switch (field)
            {
                case PointField.Date:
                    ok = TryDate(ref reader, out date, out dateOnly);
                    break;
                case PointField.Qty:
                    ok = JsonValues.TryNumber(ref reader, out qty);
                    break;
                case PointField.Min:
                    ok = JsonValues.TryNumber(ref reader, out min);
                    break;
                case PointField.Avg:
                    ok = JsonValues.TryNumber(ref reader, out avg);
                    break;
                case PointField.Max:
                    ok = JsonValues.TryNumber(ref reader, out max);
                    break;
                case PointField.Systolic:
                    ok = JsonValues.TryNumber(ref reader, out systolic);
                    break;
                case PointField.Diastolic:
                    ok = JsonValues.TryNumber(ref reader, out diastolic);
                    break;
                case PointField.TotalSleep:
                    ok = JsonValues.TryNumber(ref reader, out totalSleep);
                    break;
                case PointField.Asleep:
                    ok = JsonValues.TryNumber(ref reader, out asleep);
                    break;
                case PointField.Core:
                    ok = JsonValues.TryNumber(ref reader, out core);
                    break;
                case PointField.Deep:
                    ok = JsonValues.TryNumber(ref reader, out deep);
                    break;
                case PointField.Rem:
                    ok = JsonValues.TryNumber(ref reader, out rem);
                    break;
                case PointField.Awake:
                    ok = JsonValues.TryNumber(ref reader, out awake);
                    break;
                case PointField.InBed:
                    ok = JsonValues.TryNumber(ref reader, out inBed);
                    break;
                case PointField.SleepStart:
                    ok = TryDate(ref reader, out sleepStart, out _);
                    break;
                case PointField.SleepEnd:
                    ok = TryDate(ref reader, out sleepEnd, out _);
                    break;
                case PointField.InBedStart:
                    ok = TryDate(ref reader, out inBedStart, out _);
                    break;
                case PointField.InBedEnd:
                    ok = TryDate(ref reader, out inBedEnd, out _);
                    break;
                case PointField.StartDate:
                    ok = TryDate(ref reader, out startDate, out _);
                    break;
                case PointField.EndDate:
                    ok = TryDate(ref reader, out endDate, out _);
                    break;
                case PointField.Value:
                    ok = reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray);
                    value = ok ? JsonValues.Text(ref reader) : null;
                    break;
                case PointField.MealTime:
                    ok = reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
                    mealTime = ok ? reader.GetString() : null;
                    break;
                case PointField.Reason:
                    ok = reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
                    reason = ok ? reader.GetString() : null;
                    break;
                case PointField.Source:
                    ok = reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
                    if (ok && reader.TokenType == JsonTokenType.String)
                    {
                        sources = SplitSource(ref reader);
                    }
                    break;
                case PointField.Units:
                    ok = reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
                    units = ok ? reader.GetString() ?? units : units;
                    break;
                case PointField.Metadata:
                    ok = JsonValues.TryDictionary(ref reader, json, out metadata);
                    break;
                default:
                {
                    var name = PropertyName(json, nameStart);
                    var text = JsonValues.Raw(ref reader, json);
                    if (text is not null)
                    {
                        (extra ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = text;
                    }
                    ok = true;
                    break;
                }
            }

            if (!ok)
            {
                var name = PropertyName(json, nameStart);
                var rejected = Reject(metric, index, name, $"'{name}' has the wrong type or an unrecognised value ({reader.TokenType})");
                return SkipToEnd(ref reader, depth) ? rejected : null;
            }
        }

        var when = date ?? startDate;
        if (when is null)
        {
            return Reject(metric, index, "date", "the point has no 'date' (nor 'startDate')");
        }

        SleepSummary? sleep = null;
        switch (metric)
        {
            case MetricNames.HeartRate when qty is null && min is null && avg is null && max is null:
                return Reject(metric, index, "Avg", "a heart_rate point needs Min, Avg, Max or qty");
            case MetricNames.BloodPressure when systolic is null || diastolic is null:
                var missing = systolic is null ? "systolic" : "diastolic";
                return Reject(metric, index, missing, $"a blood_pressure point needs '{missing}'");
            case MetricNames.SleepAnalysis:
                if (totalSleep is not null || asleep is not null || core is not null || deep is not null || rem is not null
                    || awake is not null || inBed is not null || sleepStart is not null)
                {
                    sleep = new SleepSummary
                    {
                        TotalSleep = totalSleep, Asleep = asleep, Core = core, Deep = deep, Rem = rem, Awake = awake, InBed = inBed,
                        SleepStart = sleepStart, SleepEnd = sleepEnd, InBedStart = inBedStart, InBedEnd = inBedEnd,
                    };
                }
                else if (startDate is null || endDate is null)
                {
                    return Reject(metric, index, startDate is null ? "startDate" : "endDate",
                        "a sleep_analysis point needs the aggregated fields or both startDate and endDate");
                }
                break;
            default:
                if (qty is null && QuantityMetrics.Contains(metric))
                {
                    return Reject(metric, index, "qty", $"a {metric} point needs 'qty'");
                }
                break;
        }

        return new MetricPoint
        {
            Index = index, Metric = metric, Units = units, Date = when.Value, DateOnly = date is not null && dateOnly,
            Qty = qty, Min = min, Avg = avg, Max = max, Systolic = systolic, Diastolic = diastolic, Sleep = sleep,
            StartDate = startDate, EndDate = endDate, Value = value, MealTime = mealTime, Reason = reason,
            Sources = sources, Metadata = metadata, Extra = extra,
        };
    }

    private enum PointField
    {
        Other,
        Date,
        Qty,
        Min,
        Avg,
        Max,
        Systolic,
        Diastolic,
        TotalSleep,
        Asleep,
        Core,
        Deep,
        Rem,
        Awake,
        InBed,
        SleepStart,
        SleepEnd,
        InBedStart,
        InBedEnd,
        StartDate,
        EndDate,
        Value,
        MealTime,
        Reason,
        Source,
        Units,
        Metadata,
    }

    // One length switch and a compare or two rather than a chain of some 25 ValueTextEquals per property: a year of
    // minute heart rate is four million properties.
    private static PointField Classify(ref Utf8JsonReader property)
    {
        Span<byte> unescaped = stackalloc byte[32];
        scoped ReadOnlySpan<byte> name;
        if (!property.ValueIsEscaped)
        {
            name = property.ValueSpan;
        }
        else if (property.ValueSpan.Length <= unescaped.Length)
        {
            name = unescaped[..property.CopyString(unescaped)];
        }
        else
        {
            return PointField.Other;
        }
        foreach (var (text, field) in FieldsByLength(name.Length))
        {
            if (name.SequenceEqual(text))
            {
                return field;
            }
        }
        return PointField.Other;
    }

    private static ReadOnlySpan<(byte[] Text, PointField Field)> FieldsByLength(int length) => length switch
    {
        3 => By3,
        4 => By4,
        5 => By5,
        6 => By6,
        7 => By7,
        8 => By8,
        9 => By9,
        10 => By10,
        _ => [],
    };

    private static readonly (byte[] Text, PointField Field)[] By3 =
    [
        ("qty"u8.ToArray(), PointField.Qty),
        ("Min"u8.ToArray(), PointField.Min),
        ("min"u8.ToArray(), PointField.Min),
        ("Avg"u8.ToArray(), PointField.Avg),
        ("avg"u8.ToArray(), PointField.Avg),
        ("Max"u8.ToArray(), PointField.Max),
        ("max"u8.ToArray(), PointField.Max),
        ("rem"u8.ToArray(), PointField.Rem),
    ];
    private static readonly (byte[] Text, PointField Field)[] By4 =
    [
        ("date"u8.ToArray(), PointField.Date),
        ("core"u8.ToArray(), PointField.Core),
        ("deep"u8.ToArray(), PointField.Deep),
    ];
    private static readonly (byte[] Text, PointField Field)[] By5 =
    [
        ("awake"u8.ToArray(), PointField.Awake),
        ("inBed"u8.ToArray(), PointField.InBed),
        ("value"u8.ToArray(), PointField.Value),
        ("units"u8.ToArray(), PointField.Units),
    ];
    private static readonly (byte[] Text, PointField Field)[] By6 =
    [
        ("asleep"u8.ToArray(), PointField.Asleep),
        ("reason"u8.ToArray(), PointField.Reason),
        ("source"u8.ToArray(), PointField.Source),
    ];
    private static readonly (byte[] Text, PointField Field)[] By7 =
    [
        ("endDate"u8.ToArray(), PointField.EndDate),
    ];
    private static readonly (byte[] Text, PointField Field)[] By8 =
    [
        ("systolic"u8.ToArray(), PointField.Systolic),
        ("sleepEnd"u8.ToArray(), PointField.SleepEnd),
        ("inBedEnd"u8.ToArray(), PointField.InBedEnd),
        ("mealTime"u8.ToArray(), PointField.MealTime),
        ("metadata"u8.ToArray(), PointField.Metadata),
    ];
    private static readonly (byte[] Text, PointField Field)[] By9 =
    [
        ("diastolic"u8.ToArray(), PointField.Diastolic),
        ("startDate"u8.ToArray(), PointField.StartDate),
    ];
    private static readonly (byte[] Text, PointField Field)[] By10 =
    [
        ("totalSleep"u8.ToArray(), PointField.TotalSleep),
        ("sleepStart"u8.ToArray(), PointField.SleepStart),
        ("inBedStart"u8.ToArray(), PointField.InBedStart),
    ];

    // Whether the value the reader is on is all in the buffer; a copy of the reader probes it, which is only done for
    // the rare nested values (metadata, unknown fields) so that the readers of those values never run out of bytes.
    private static bool IsComplete(Utf8JsonReader probe) => probe.TrySkip();

    // Moves past the rest of the point after a rejected value; false when the buffer ends first.
    private static bool SkipToEnd(ref Utf8JsonReader reader, int depth)
    {
        while (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != depth)
        {
            if (!reader.Read())
            {
                return false;
            }
        }
        return true;
    }

    // The name of the property whose token starts at nameStart, read again now that the reader has moved past it.
    private static string PropertyName(ReadOnlySpan<byte> json, int nameStart)
    {
        var reader = new Utf8JsonReader(json[nameStart..], isFinalBlock: false, default);
        reader.Read();
        return reader.GetString()!;
    }

    private static bool TryDate(ref Utf8JsonReader reader, out DateTimeOffset? value, out bool dateOnly)
    {
        value = null;
        dateOnly = false;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }
        if (!JsonValues.TryDate(ref reader, out var parsed, out dateOnly))
        {
            return false;
        }
        value = parsed;
        return true;
    }

    private string[] SplitSource(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(_lastSource))
        {
            return _lastSources;
        }
        var text = reader.GetString()!;
        var parts = text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!reader.ValueIsEscaped)
        {
            _lastSource = reader.ValueSpan.ToArray();
            _lastSources = parts;
        }
        return parts;
    }

    private static RejectedItem Reject(string metric, int index, string field, string reason) =>
        new() { Collection = metric, Index = index, Field = field, Reason = reason };
}
