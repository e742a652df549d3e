using System.Text;
using System.Text.Json;

namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// Turns the bytes of one entry of <c>ecg</c>, <c>symptoms</c>, <c>stateOfMind</c>, <c>medications</c>, <c>cycleTracking</c> or
/// <c>heartRateNotifications</c> into its item, or a <see cref="RejectedItem"/>. Only top-level fields are read; nested values are skipped.
/// </summary>
internal static class CollectionEntryParser
{
    public static HealthExportItem Parse(ReadOnlySpan<byte> json, string collection, int index) => collection switch
    {
        HealthExportCollections.Ecg => ParseEcg(json, index),
        HealthExportCollections.Symptoms => ParseSymptom(json, index),
        _ => ParseRecord(json, collection, index),
    };

    private static HealthExportItem ParseEcg(ReadOnlySpan<byte> json, int index)
    {
        const string collection = HealthExportCollections.Ecg;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        DateTimeOffset? start = null, end = null;
        string? classification = null, severity = null;
        double? averageHeartRate = null, samplingFrequency = null, count = null;
        IReadOnlyList<string> sources = [];
        List<double>? voltages = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader;
            reader.Read();
            bool ok;
            if (property.ValueTextEquals("start"u8) || property.ValueTextEquals("startDate"u8))
            {
                ok = TryDate(ref reader, ref start);
            }
            else if (property.ValueTextEquals("end"u8) || property.ValueTextEquals("endDate"u8))
            {
                ok = TryDate(ref reader, ref end);
            }
            else if (property.ValueTextEquals("classification"u8))
            {
                ok = TryText(ref reader, out classification);
            }
            else if (property.ValueTextEquals("severity"u8))
            {
                ok = TryText(ref reader, out severity);
            }
            else if (property.ValueTextEquals("averageHeartRate"u8))
            {
                ok = TryNumberOrQuantity(ref reader, out averageHeartRate);
            }
            else if (property.ValueTextEquals("samplingFrequency"u8))
            {
                ok = TryNumberOrQuantity(ref reader, out samplingFrequency);
            }
            else if (property.ValueTextEquals("numberOfVoltageMeasurements"u8))
            {
                ok = JsonValues.TryNumber(ref reader, out count) && count is null or (>= 0 and <= int.MaxValue);
            }
            else if (property.ValueTextEquals("source"u8))
            {
                ok = TrySources(ref reader, out sources);
            }
            else if (property.ValueTextEquals("voltageMeasurements"u8))
            {
                if (!TryVoltages(ref reader, out voltages, out var at, out var why))
                {
                    return Reject(collection, index, $"voltageMeasurements[{at}]", why);
                }
                ok = true;
            }
            else
            {
                reader.Skip();
                ok = true;
            }
            if (!ok)
            {
                return WrongType(collection, index, ref property, ref reader);
            }
        }
        if (start is null)
        {
            return Reject(collection, index, "start", "an ecg entry needs 'start'");
        }
        return new EcgRecording
        {
            Index = index, Start = start.Value, End = end, Classification = classification, Severity = severity,
            AverageHeartRate = averageHeartRate, SamplingFrequency = samplingFrequency, NumberOfVoltageMeasurements = (int?)count,
            Voltages = voltages ?? [], Sources = sources,
        };
    }

    private static HealthExportItem ParseSymptom(ReadOnlySpan<byte> json, int index)
    {
        const string collection = HealthExportCollections.Symptoms;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        DateTimeOffset? start = null, end = null, date = null;
        string? name = null, severity = null;
        bool? userEntered = null;
        IReadOnlyList<string> sources = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader;
            reader.Read();
            bool ok;
            if (property.ValueTextEquals("start"u8) || property.ValueTextEquals("startDate"u8))
            {
                ok = TryDate(ref reader, ref start);
            }
            else if (property.ValueTextEquals("date"u8))
            {
                ok = TryDate(ref reader, ref date);
            }
            else if (property.ValueTextEquals("end"u8) || property.ValueTextEquals("endDate"u8))
            {
                ok = TryDate(ref reader, ref end);
            }
            else if (property.ValueTextEquals("name"u8))
            {
                ok = TryText(ref reader, out name);
            }
            else if (property.ValueTextEquals("severity"u8))
            {
                ok = TryText(ref reader, out severity);
            }
            else if (property.ValueTextEquals("userEntered"u8))
            {
                ok = reader.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;
                userEntered = reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };
            }
            else if (property.ValueTextEquals("source"u8))
            {
                ok = TrySources(ref reader, out sources);
            }
            else
            {
                reader.Skip();
                ok = true;
            }
            if (!ok)
            {
                return WrongType(collection, index, ref property, ref reader);
            }
        }
        start ??= date;
        if (start is null)
        {
            return Reject(collection, index, "start", "a symptom needs 'start'");
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            return Reject(collection, index, "name", "a symptom needs a 'name'");
        }
        return new SymptomRecord { Index = index, Name = name, Severity = severity, Start = start.Value, End = end, UserEntered = userEntered, Sources = sources };
    }

    private static HealthExportItem ParseRecord(ReadOnlySpan<byte> json, string collection, int index)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        // Candidates for the start in order of preference: start, date, startDate, scheduledDate.
        DateTimeOffset? start = null, date = null, startDate = null, scheduledDate = null, end = null;
        string? displayText = null, name = null, kind = null, type = null;
        IReadOnlyList<string> sources = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader;
            reader.Read();
            bool ok;
            if (property.ValueTextEquals("start"u8))
            {
                ok = TryDate(ref reader, ref start);
            }
            else if (property.ValueTextEquals("date"u8))
            {
                ok = TryDate(ref reader, ref date);
            }
            else if (property.ValueTextEquals("startDate"u8))
            {
                ok = TryDate(ref reader, ref startDate);
            }
            else if (property.ValueTextEquals("scheduledDate"u8))
            {
                ok = TryDate(ref reader, ref scheduledDate);
            }
            else if (property.ValueTextEquals("end"u8) || property.ValueTextEquals("endDate"u8))
            {
                ok = TryDate(ref reader, ref end);
            }
            else if (property.ValueTextEquals("displayText"u8))
            {
                ok = TryText(ref reader, out displayText);
            }
            else if (property.ValueTextEquals("name"u8))
            {
                ok = TryText(ref reader, out name);
            }
            else if (property.ValueTextEquals("kind"u8))
            {
                ok = TryText(ref reader, out kind);
            }
            else if (property.ValueTextEquals("type"u8))
            {
                ok = TryText(ref reader, out type);
            }
            else if (property.ValueTextEquals("source"u8))
            {
                ok = TrySources(ref reader, out sources);
            }
            else
            {
                reader.Skip();
                ok = true;
            }
            if (!ok)
            {
                return WrongType(collection, index, ref property, ref reader);
            }
        }
        var when = start ?? date ?? startDate ?? scheduledDate;
        if (when is null)
        {
            return Reject(collection, index, "start", "the entry has no date in 'start', 'date', 'startDate' or 'scheduledDate'");
        }
        return new CollectionRecord
        {
            Index = index, Collection = collection, Start = when.Value, End = end, Name = displayText ?? name ?? kind ?? type,
            Json = Compact(json), Sources = sources,
        };
    }

    // Voltages in volts; each sample is {date, voltage, units}, or a bare number in volts.
    private static bool TryVoltages(ref Utf8JsonReader reader, out List<double>? voltages, out int at, out string why)
    {
        voltages = null;
        at = 0;
        why = "";
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            why = $"voltageMeasurements must be an array, not {reader.TokenType}";
            return false;
        }
        voltages = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var bare) && double.IsFinite(bare))
            {
                voltages.Add(bare);
                at++;
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                why = $"a voltage sample is {reader.TokenType}, not an object";
                return false;
            }
            double? voltage = null;
            var scale = 1.0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader;
                reader.Read();
                if (property.ValueTextEquals("voltage"u8))
                {
                    if (!JsonValues.TryNumber(ref reader, out voltage) || voltage is null)
                    {
                        why = "'voltage' must be a number";
                        return false;
                    }
                }
                else if (property.ValueTextEquals("units"u8) && reader.TokenType == JsonTokenType.String)
                {
                    var units = VoltageScale(ref reader);
                    if (units is null)
                    {
                        why = $"unknown voltage unit '{reader.GetString()}'";
                        return false;
                    }
                    scale = units.Value;
                }
                else
                {
                    reader.Skip();
                }
            }
            if (voltage is null)
            {
                why = "a voltage sample needs 'voltage'";
                return false;
            }
            voltages.Add(voltage.Value * scale);
            at++;
        }
        return true;
    }

    private static double? VoltageScale(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("V"u8) || reader.ValueTextEquals("volt"u8) || reader.ValueTextEquals("volts"u8) ? 1
        : reader.ValueTextEquals("mV"u8) ? 1e-3
        : reader.ValueTextEquals("mcV"u8) || reader.ValueTextEquals("µV"u8) || reader.ValueTextEquals("μV"u8) || reader.ValueTextEquals("uV"u8) ? 1e-6
        : null;

    private static bool TryDate(ref Utf8JsonReader reader, ref DateTimeOffset? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }
        if (!JsonValues.TryDate(ref reader, out var parsed, out _))
        {
            return false;
        }
        value ??= parsed;
        return true;
    }

    private static bool TryText(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            return false;
        }
        text = JsonValues.Text(ref reader);
        return true;
    }

    // A number, or a {qty, units} object as some app versions write averageHeartRate.
    private static bool TryNumberOrQuantity(ref Utf8JsonReader reader, out double? value)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return JsonValues.TryNumber(ref reader, out value);
        }
        value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isQty = reader.ValueTextEquals("qty"u8);
            reader.Read();
            if (isQty)
            {
                if (!JsonValues.TryNumber(ref reader, out value))
                {
                    return false;
                }
            }
            else
            {
                reader.Skip();
            }
        }
        return true;
    }

    private static bool TrySources(ref Utf8JsonReader reader, out IReadOnlyList<string> sources)
    {
        sources = [];
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }
        sources = reader.GetString()!.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return true;
    }

    // Drops whitespace outside strings; strings and their escapes stay byte for byte as the app sent them.
    internal static string Compact(ReadOnlySpan<byte> json)
    {
        var buffer = json.Length <= 4096 ? stackalloc byte[json.Length] : new byte[json.Length];
        var length = 0;
        var inString = false;
        var escaped = false;
        foreach (var b in json)
        {
            if (inString)
            {
                buffer[length++] = b;
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    escaped = true;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                buffer[length++] = b;
                inString = b == (byte)'"';
            }
        }
        return Encoding.UTF8.GetString(buffer[..length]);
    }

    private static RejectedItem WrongType(string collection, int index, ref Utf8JsonReader property, ref Utf8JsonReader value)
    {
        var field = property.GetString()!;
        return Reject(collection, index, field, $"'{field}' has the wrong type or an unrecognised value ({value.TokenType})");
    }

    private static RejectedItem Reject(string collection, int index, string field, string reason) =>
        new() { Collection = collection, Index = index, Field = field, Reason = reason };
}
