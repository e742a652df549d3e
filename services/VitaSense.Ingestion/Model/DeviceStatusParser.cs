using System.Globalization;
using System.Text.Json;

namespace VitaSense.Ingestion.Model;

/// <summary>The result of parsing a status body: a report, or every error found.</summary>
/// <param name="Report">The report when there were no errors.</param>
/// <param name="Errors">All errors, in field order.</param>
public sealed record DeviceStatusParseResult(DeviceStatusReport? Report, IReadOnlyList<FieldError> Errors);

/// <summary>
/// Parses and validates a <c>POST /status</c> body by hand. Model binding cannot tell a missing field (422) from an
/// invalid one (400), stops at the first error, and coerces types; this reads the JSON document once, checks
/// every field, and reports all problems together in the specification's shape.
/// </summary>
public static class DeviceStatusParser
{
    /// <summary>Longest accepted device id, in characters.</summary>
    public const int MaxDeviceIdLength = 255;

    /// <summary>Battery level bounds, percent.</summary>
    public const int MinBattery = 0, MaxBattery = 100;

    /// <summary>Plausible RSSI bounds, dBm.</summary>
    public const int MinRssi = -120, MaxRssi = 0;

    private static readonly string[] Fields = ["device_id", "timestamp", "battery_level", "rssi", "online"];
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Parses <paramref name="body"/>; a timestamp later than <paramref name="now"/> + <paramref name="maxFutureSkew"/> is refused.</summary>
    public static DeviceStatusParseResult Parse(ReadOnlyMemory<byte> body, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Fail(new FieldError(["body"], "field required", FieldError.MissingType));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var ctx = new Dictionary<string, object>
            {
                ["lineno"] = (ex.LineNumber ?? 0) + 1,
                ["pos"] = (ex.BytePositionInLine ?? 0) + 1,
            };
            return Fail(new FieldError(["body"], "malformed JSON: the body is not a valid JSON document", "value_error.jsondecode", ctx));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Fail(new FieldError(["body"], "value is not a valid dict", "type_error.dict"));
            }

            var errors = new List<FieldError>();
            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (Array.IndexOf(Fields, property.Name) >= 0 && !values.TryAdd(property.Name, property.Value))
                {
                    errors.Add(new FieldError(["body", property.Name], "field given more than once", "value_error.duplicate"));
                }
            }

            var deviceId = ReadDeviceId(values, errors);
            var timestamp = ReadTimestamp(values, errors, now, maxFutureSkew);
            var battery = ReadInteger(values, "battery_level", MinBattery, MaxBattery, errors);
            var rssi = ReadInteger(values, "rssi", MinRssi, MaxRssi, errors);
            var online = ReadBoolean(values, "online", errors);

            return errors.Count > 0
                ? new DeviceStatusParseResult(null, errors)
                : new DeviceStatusParseResult(new DeviceStatusReport(deviceId!, timestamp!.Value, battery!.Value, rssi!.Value, online!.Value), errors);
        }
    }

    /// <summary>Checks a device id from any source (body, query, key scope): trimmed, 1 to 255 printable characters.</summary>
    public static FieldError? ValidateDeviceId(string trimmed, IReadOnlyList<string> loc)
    {
        if (trimmed.Length == 0)
        {
            return new FieldError(loc, "ensure this value has at least 1 characters", "value_error.any_str.min_length", Limit(1));
        }
        if (trimmed.Length > MaxDeviceIdLength)
        {
            return new FieldError(loc, $"ensure this value has at most {MaxDeviceIdLength} characters", "value_error.any_str.max_length", Limit(MaxDeviceIdLength));
        }
        foreach (var c in trimmed)
        {
            // Control and format characters make ids that look equal but are not, and break logs and Redis keys.
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return new FieldError(loc, "string must contain only printable characters", "value_error.str.printable");
            }
        }
        return null;
    }

    private static string? ReadDeviceId(Dictionary<string, JsonElement> values, List<FieldError> errors)
    {
        if (Present(values, "device_id", errors) is not { } element)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(["body", "device_id"], "str type expected", "type_error.str"));
            return null;
        }

        var id = element.GetString()!.Trim();
        if (ValidateDeviceId(id, ["body", "device_id"]) is { } error)
        {
            errors.Add(error);
            return null;
        }
        return id;
    }

    private static DateTimeOffset? ReadTimestamp(Dictionary<string, JsonElement> values, List<FieldError> errors, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        if (Present(values, "timestamp", errors) is not { } element)
        {
            return null;
        }

        var timestamp = default(DateTimeOffset);
        var outcome = element.ValueKind == JsonValueKind.String
            ? IsoTimestamp.TryParse(element.GetString()!, out timestamp)
            : IsoTimestamp.Outcome.Invalid;
        switch (outcome)
        {
            case IsoTimestamp.Outcome.MissingOffset:
                errors.Add(new FieldError(["body", "timestamp"], "timestamp must include a UTC offset, such as Z or +02:00", "value_error.datetime.offset_missing"));
                return null;
            case IsoTimestamp.Outcome.Invalid:
                errors.Add(new FieldError(["body", "timestamp"], "invalid datetime format: expected ISO 8601 with a UTC offset", "value_error.datetime"));
                return null;
        }

        var latest = now + maxFutureSkew;
        if (timestamp > latest)
        {
            errors.Add(new FieldError(["body", "timestamp"],
                $"timestamp must not be more than {(int)maxFutureSkew.TotalSeconds} seconds in the future",
                "value_error.datetime.future",
                new Dictionary<string, object> { ["limit_value"] = latest.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) }));
            return null;
        }
        return timestamp;
    }

    private static int? ReadInteger(Dictionary<string, JsonElement> values, string field, int min, int max, List<FieldError> errors)
    {
        if (Present(values, field, errors) is not { } element)
        {
            return null;
        }

        double number;
        if (element.ValueKind != JsonValueKind.Number)
        {
            errors.Add(new FieldError(["body", field], "value is not a valid integer", "type_error.integer"));
            return null;
        }
        if (element.TryGetInt64(out var whole))
        {
            number = whole;
        }
        else if (element.TryGetDouble(out number) && double.IsFinite(number) && Math.Floor(number) == number)
        {
            // 76.0 and 1e3 are integral numbers too; JSON does not distinguish them from 76 and 1000.
        }
        else
        {
            errors.Add(new FieldError(["body", field], "value is not a valid integer", "type_error.integer"));
            return null;
        }

        if (number > max)
        {
            errors.Add(new FieldError(["body", field], $"ensure this value is less than or equal to {max}", "value_error.number.not_le", Limit(max)));
            return null;
        }
        if (number < min)
        {
            errors.Add(new FieldError(["body", field], $"ensure this value is greater than or equal to {min}", "value_error.number.not_ge", Limit(min)));
            return null;
        }
        return (int)number;
    }

    private static bool? ReadBoolean(Dictionary<string, JsonElement> values, string field, List<FieldError> errors)
    {
        if (Present(values, field, errors) is not { } element)
        {
            return null;
        }
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return element.GetBoolean();
        }
        errors.Add(new FieldError(["body", field], "value could not be parsed to a boolean", "type_error.bool"));
        return null;
    }

    /// <summary>The field's value, or null after recording why there is none (missing, or JSON null).</summary>
    private static JsonElement? Present(Dictionary<string, JsonElement> values, string field, List<FieldError> errors)
    {
        if (!values.TryGetValue(field, out var element))
        {
            errors.Add(new FieldError(["body", field], "field required", FieldError.MissingType));
            return null;
        }
        if (element.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(["body", field], "none is not an allowed value", "type_error.none.not_allowed"));
            return null;
        }
        return element;
    }

    private static Dictionary<string, object> Limit(int value) => new() { ["limit_value"] = value };

    private static DeviceStatusParseResult Fail(FieldError error) => new(null, [error]);
}
