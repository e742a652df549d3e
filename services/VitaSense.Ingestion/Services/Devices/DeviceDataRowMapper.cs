using System.Globalization;
using System.Text.Json;
using VitaSense.Ingestion.Model;
using VitaSense.Ingestion.Model.DeviceData;
using VitaSense.Ingestion.Model.HealthExport;
using VitaSense.Ingestion.Model.Observations;

namespace VitaSense.Ingestion.Services.Devices;

/// <summary>
/// Turns the readings of one device upload into rows of the observation tables, as <c>HealthExportRowMapper</c> does
/// for the app's points: each reading is checked on its own (time with an offset and not in the future, a number or the
/// metric's structure, a known unit, a possible value), converted to the metric's canonical unit keeping the original,
/// and every refusal is recorded in the result. All rows go to one stream: this user's metric from this device.
/// </summary>
public sealed class DeviceDataRowMapper(string userId, string deviceId, DeviceUpload upload, DateTimeOffset latestAllowed, DeviceDataUploadResult result)
{
    /// <summary>Longest kept <c>quality</c> flag.</summary>
    public const int MaxQualityLength = 64;

    private const int MaxMealTimeLength = 64;

    private StreamRef? stream;

    /// <summary>The stream the rows belong to; null when no reading was accepted.</summary>
    public StreamRef? Stream => stream;

    /// <summary>Rows put in the batch, the count the writer's "newly stored" is compared with.</summary>
    public int Staged { get; private set; }

    /// <summary>The rows of every acceptable reading.</summary>
    public ObservationBatch Map()
    {
        var batch = new ObservationBatch();
        var index = 0;
        foreach (var item in upload.Values.EnumerateArray())
        {
            Add(index++, item, batch);
        }
        return batch;
    }

    private void Add(int index, JsonElement item, ObservationBatch batch)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            result.Reject(index, null, "a reading must be an object with timestamp and value");
            return;
        }
        if (!TryTimestamp(index, item, out var at) || !TryText(index, item, "quality", MaxQualityLength, out var quality)
            || !TryText(index, item, "unit", MaxQualityLength, out var unit))
        {
            return;
        }

        switch (upload.Definition)
        {
            case null:
                AddUnknown(index, item, at, unit, quality, batch);
                break;
            case { Shape: MetricShape.HeartRate } definition:
                AddHeartRate(index, item, definition, at, unit, quality, batch);
                break;
            case { Shape: MetricShape.BloodPressure } definition:
                AddBloodPressure(index, item, definition, at, unit, quality, batch);
                break;
            case { Shape: MetricShape.BloodGlucose } definition:
                AddBloodGlucose(index, item, definition, at, unit, quality, batch);
                break;
            case { } definition:
                AddQuantity(index, item, definition, at, unit, quality, batch);
                break;
        }
    }

    private void AddHeartRate(int index, JsonElement item, MetricDefinition definition, DateTimeOffset at, string? unit, string? quality, ObservationBatch batch)
    {
        // A device may send one number per reading or a summary of an interval.
        double? min = null, max = null;
        double avg;
        var value = Value(item);
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (!TryCanonical(index, value, "avg", "value.avg", definition, unit, required: true, out var a)
                || !TryCanonical(index, value, "min", "value.min", definition, unit, required: false, out min)
                || !TryCanonical(index, value, "max", "value.max", definition, unit, required: false, out max))
            {
                return;
            }
            avg = a!.Value;
            if (min > max)
            {
                result.Reject(index, "value.min", $"min {Format(min)} is greater than max {Format(max)}");
                return;
            }
        }
        else if (TryCanonical(index, item, "value", "value", definition, unit, required: true, out var single))
        {
            avg = single!.Value;
        }
        else
        {
            return;
        }
        batch.HeartRates.Add(new HeartRateRow(StreamFor(definition.CanonicalUnit), at, min, avg, max, quality, upload.MetadataJson));
        Staged++;
    }

    private void AddBloodPressure(int index, JsonElement item, MetricDefinition definition, DateTimeOffset at, string? unit, string? quality, ObservationBatch batch)
    {
        // {"value": {"systolic", "diastolic"}}, or the two numbers beside the timestamp.
        var value = Value(item);
        var holder = value.ValueKind == JsonValueKind.Object ? value : item;
        var prefix = value.ValueKind == JsonValueKind.Object ? "value." : "";
        if (!TryCanonical(index, holder, "systolic", prefix + "systolic", definition, unit, required: true, out var systolic)
            || !TryCanonical(index, holder, "diastolic", prefix + "diastolic", definition, unit, required: true, out var diastolic))
        {
            return;
        }
        if (diastolic >= systolic)
        {
            result.Reject(index, prefix + "diastolic", $"diastolic {Format(diastolic)} is not below systolic {Format(systolic)}");
            return;
        }
        batch.BloodPressures.Add(new BloodPressureRow(StreamFor(definition.CanonicalUnit), at, systolic!.Value, diastolic!.Value, quality));
        Staged++;
    }

    private void AddBloodGlucose(int index, JsonElement item, MetricDefinition definition, DateTimeOffset at, string? unit, string? quality, ObservationBatch batch)
    {
        if (!TryCanonical(index, item, "value", "value", definition, unit, required: true, out var value)
            || !TryText(index, item, "meal_time", MaxMealTimeLength, out var mealTime))
        {
            return;
        }
        var converted = IsConverted(unit, definition);
        batch.BloodGlucose.Add(new BloodGlucoseRow(StreamFor(definition.CanonicalUnit), at, value!.Value,
            converted ? Value(item).GetDouble() : null, converted ? unit : null, mealTime, quality));
        Staged++;
    }

    private void AddQuantity(int index, JsonElement item, MetricDefinition definition, DateTimeOffset at, string? unit, string? quality, ObservationBatch batch)
    {
        if (!TryCanonical(index, item, "value", "value", definition, unit, required: true, out var value))
        {
            return;
        }
        var converted = IsConverted(unit, definition);
        batch.Quantities.Add(new QuantityRow(StreamFor(definition.CanonicalUnit), at, value!.Value,
            converted ? Value(item).GetDouble() : null, converted ? unit : null, quality, upload.MetadataJson));
        Staged++;
    }

    // A metric VitaSense does not know: its number is kept as sent, in the unit sent.
    private void AddUnknown(int index, JsonElement item, DateTimeOffset at, string? unit, string? quality, ObservationBatch batch)
    {
        if (!TryNumber(index, item, "value", "value", required: true, out var value))
        {
            return;
        }
        if (stream is not null && !string.Equals(stream.Unit, unit, StringComparison.Ordinal))
        {
            result.Reject(index, "unit", $"unit '{unit}' differs from '{stream.Unit}' of the first reading: {upload.DataType} is not a metric VitaSense can convert");
            return;
        }
        batch.Quantities.Add(new QuantityRow(StreamFor(unit), at, value!.Value, null, null, quality, upload.MetadataJson));
        Staged++;
    }

    private bool TryTimestamp(int index, JsonElement item, out DateTimeOffset at)
    {
        at = default;
        if (!item.TryGetProperty("timestamp", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (upload.Timestamp is not { } fallback)
            {
                result.Reject(index, "timestamp", "a reading needs a timestamp when the upload has none");
                return false;
            }
            at = fallback;
        }
        else if (element.ValueKind != JsonValueKind.String)
        {
            result.Reject(index, "timestamp", "timestamp must be an ISO 8601 string with a UTC offset");
            return false;
        }
        else
        {
            switch (ReadingTimestamp.TryParse(element.GetString()!, out at))
            {
                case IsoTimestamp.Outcome.MissingOffset:
                    result.Reject(index, "timestamp", "timestamp must include a UTC offset, such as Z or +02:00");
                    return false;
                case IsoTimestamp.Outcome.Invalid:
                    result.Reject(index, "timestamp", "invalid datetime format: expected ISO 8601 with a UTC offset");
                    return false;
            }
        }
        if (at > latestAllowed)
        {
            result.Reject(index, "timestamp", $"timestamp {at:O} is in the future");
            return false;
        }
        return true;
    }

    private bool TryText(int index, JsonElement item, string field, int maxLength, out string? text)
    {
        text = null;
        if (!item.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.String || element.GetString()!.Trim() is not { Length: > 0 } value || value.Length > maxLength)
        {
            result.Reject(index, field, $"{field} must be a string of 1 to {maxLength} characters");
            return false;
        }
        text = value;
        return true;
    }

    private bool TryNumber(int index, JsonElement holder, string property, string field, bool required, out double? value)
    {
        value = null;
        if (!holder.TryGetProperty(property, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                result.Reject(index, field, $"{field} is required");
            }
            return !required;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            result.Reject(index, field, $"{field} must be a number");
            return false;
        }
        value = number;
        return true;
    }

    private bool TryCanonical(int index, JsonElement holder, string property, string field, MetricDefinition definition, string? unit, bool required, out double? value)
    {
        if (!TryNumber(index, holder, property, field, required, out value))
        {
            return false;
        }
        if (value is not { } raw)
        {
            // Optional and absent.
            return true;
        }
        if (!MetricUnits.TryNormalise(definition, unit, raw, out var canonical))
        {
            result.Reject(index, "unit", $"unknown unit '{unit}' for {definition.Name} (stored in {definition.CanonicalUnit})");
            value = null;
            return false;
        }
        if (!definition.IsPossible(canonical))
        {
            result.Reject(index, field, $"{field} {Format(canonical)} {definition.CanonicalUnit} is outside the possible range "
                + $"{Format(definition.Minimum)} to {Format(definition.Maximum)} for {definition.Name}");
            value = null;
            return false;
        }
        value = canonical;
        return true;
    }

    private StreamRef StreamFor(string? unit)
    {
        stream ??= new StreamRef(userId, upload.DataType, deviceId, deviceId, ObservationOrigins.DeviceUpload, unit);
        result.Unit ??= unit;
        return stream;
    }

    private static JsonElement Value(JsonElement item) => item.TryGetProperty("value", out var value) ? value : default;

    private static bool IsConverted(string? unit, MetricDefinition definition) =>
        !string.IsNullOrEmpty(unit) && !string.Equals(unit, definition.CanonicalUnit, StringComparison.Ordinal);

    private static string Format(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "null";
}
