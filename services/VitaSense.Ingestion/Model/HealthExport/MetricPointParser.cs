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

    public HealthExportItem Parse(ReadOnlySpan<byte> json, string metric, string? units, int index)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();

        DateTimeOffset? date = null, startDate = null, endDate = null;
        var dateOnly = false;
        double? qty = null, min = null, avg = null, max = null, systolic = null, diastolic = null;
        double? totalSleep = null, asleep = null, core = null, deep = null, rem = null, awake = null, inBed = null;
        DateTimeOffset? sleepStart = null, sleepEnd = null, inBedStart = null, inBedEnd = null;
        string? value = null, mealTime = null, reason = null;
        IReadOnlyList<string> sources = [];
        Dictionary<string, string>? metadata = null, extra = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader;
            reader.Read();
            bool ok;
            if (property.ValueTextEquals("date"u8))
            {
                ok = TryDate(ref reader, out date, out dateOnly);
            }
            else if (property.ValueTextEquals("qty"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out qty);
            }
            else if (property.ValueTextEquals("Min"u8) || property.ValueTextEquals("min"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out min);
            }
            else if (property.ValueTextEquals("Avg"u8) || property.ValueTextEquals("avg"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out avg);
            }
            else if (property.ValueTextEquals("Max"u8) || property.ValueTextEquals("max"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out max);
            }
            else if (property.ValueTextEquals("systolic"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out systolic);
            }
            else if (property.ValueTextEquals("diastolic"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out diastolic);
            }
            else if (property.ValueTextEquals("totalSleep"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out totalSleep);
            }
            else if (property.ValueTextEquals("asleep"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out asleep);
            }
            else if (property.ValueTextEquals("core"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out core);
            }
            else if (property.ValueTextEquals("deep"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out deep);
            }
            else if (property.ValueTextEquals("rem"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out rem);
            }
            else if (property.ValueTextEquals("awake"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out awake);
            }
            else if (property.ValueTextEquals("inBed"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out inBed);
            }
            else if (property.ValueTextEquals("sleepStart"u8))
            {
                ok = TryDate(ref reader, out sleepStart, out _);
            }
            else if (property.ValueTextEquals("sleepEnd"u8))
            {
                ok = TryDate(ref reader, out sleepEnd, out _);
            }
            else if (property.ValueTextEquals("inBedStart"u8))
            {
                ok = TryDate(ref reader, out inBedStart, out _);
            }
            else if (property.ValueTextEquals("inBedEnd"u8))
            {
                ok = TryDate(ref reader, out inBedEnd, out _);
            }
            else if (property.ValueTextEquals("startDate"u8))
            {
                ok = TryDate(ref reader, out startDate, out _);
            }
            else if (property.ValueTextEquals("endDate"u8))
            {
                ok = TryDate(ref reader, out endDate, out _);
            }
            else if (property.ValueTextEquals("value"u8))
            {
                ok = reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray);
                value = ok ? JsonValues.Text(ref reader) : null;
            }
            else if (property.ValueTextEquals("mealTime"u8))
            {
                ok = reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
                mealTime = ok ? reader.GetString() : null;
            }
            else if (property.ValueTextEquals("reason"u8))
            {
                ok = reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
                reason = ok ? reader.GetString() : null;
            }
            else if (property.ValueTextEquals("source"u8))
            {
                ok = reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
                if (ok && reader.TokenType == JsonTokenType.String)
                {
                    sources = SplitSource(ref reader);
                }
            }
            else if (property.ValueTextEquals("units"u8))
            {
                ok = reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
                units = ok ? reader.GetString() ?? units : units;
            }
            else if (property.ValueTextEquals("metadata"u8))
            {
                ok = JsonValues.TryDictionary(ref reader, json, out metadata);
            }
            else
            {
                var name = property.GetString()!;
                var text = JsonValues.Raw(ref reader, json);
                if (text is not null)
                {
                    (extra ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = text;
                }
                ok = true;
            }

            if (!ok)
            {
                var field = property.GetString()!;
                return Reject(metric, index, field, $"'{field}' has the wrong type or an unrecognised value ({reader.TokenType})");
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
