using System.Text.Json;
using VitaSense.Ingestion.Model.HealthExport;

namespace VitaSense.Ingestion.Model.DeviceData;

/// <summary>
/// Reads the envelope of a device upload (<c>data_type</c>, <c>timestamp</c>, <c>values</c>, <c>metadata</c>) and names
/// every field that is missing or wrong. The readings themselves are checked later, each on its own, so one bad
/// reading never sinks the others.
/// </summary>
public static class DeviceUploadParser
{
    /// <summary>Longest accepted <c>data_type</c>.</summary>
    public const int MaxDataTypeLength = 100;

    /// <summary>
    /// Largest <c>metadata</c> kept with every reading; larger metadata stays in the raw backup only, as copying it
    /// onto thousands of rows would multiply it.
    /// </summary>
    public const int MaxMetadataContextBytes = 2048;

    /// <summary>Parses <paramref name="body"/> as JSON; null (and an error naming the position) when it is not.</summary>
    public static JsonDocument? Open(ReadOnlyMemory<byte> body, List<FieldError> errors)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : "";
            errors.Add(new FieldError(["body"], $"the body is not valid JSON{where}", "value_error.jsondecode"));
            return null;
        }
    }

    /// <summary>The upload, or null with <paramref name="errors"/> naming what is wrong.</summary>
    public static DeviceUpload? Parse(JsonElement root, int maxValues, List<FieldError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(["body"], "the body must be a JSON object with data_type and values", "type_error.dict"));
            return null;
        }

        var dataType = DataType(root, errors);
        DateTimeOffset? timestamp = null;
        if (root.TryGetProperty("timestamp", out var timestampElement) && timestampElement.ValueKind != JsonValueKind.Null)
        {
            timestamp = Timestamp(timestampElement, errors);
        }
        var values = Values(root, maxValues, errors);

        string? metadata = null;
        if (root.TryGetProperty("metadata", out var metadataElement) && metadataElement.ValueKind != JsonValueKind.Null)
        {
            if (metadataElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError(["body", "metadata"], "metadata must be an object", "type_error.dict"));
            }
            else if (metadataElement.EnumerateObject().Any())
            {
                var raw = metadataElement.GetRawText();
                metadata = raw.Length <= MaxMetadataContextBytes ? raw : null;
            }
        }

        return errors.Count > 0 || dataType is null || values is not { } array
            ? null
            : new DeviceUpload(dataType, MetricCatalog.Find(dataType), timestamp, array, metadata);
    }

    private static string? DataType(JsonElement root, List<FieldError> errors)
    {
        if (!root.TryGetProperty("data_type", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(["body", "data_type"], "field required", FieldError.MissingType));
            return null;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(["body", "data_type"], "data_type must be a string, such as heart_rate", "type_error.str"));
            return null;
        }
        var text = element.GetString()!;
        var canonical = text.Length <= MaxDataTypeLength ? MetricNames.Canonical(text) : "";
        if (canonical.Length == 0)
        {
            errors.Add(new FieldError(["body", "data_type"], $"data_type must name a metric in at most {MaxDataTypeLength} characters, such as heart_rate",
                "value_error.any_str"));
            return null;
        }
        return canonical;
    }

    private static DateTimeOffset? Timestamp(JsonElement element, List<FieldError> errors)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(["body", "timestamp"], "timestamp must be an ISO 8601 string with a UTC offset", "type_error.str"));
            return null;
        }
        switch (ReadingTimestamp.TryParse(element.GetString()!, out var value))
        {
            case IsoTimestamp.Outcome.Valid:
                return value;
            case IsoTimestamp.Outcome.MissingOffset:
                errors.Add(new FieldError(["body", "timestamp"], "timestamp must include a UTC offset, such as Z or +02:00", "value_error.datetime.offset_missing"));
                return null;
            default:
                errors.Add(new FieldError(["body", "timestamp"], "invalid datetime format: expected ISO 8601 with a UTC offset", "value_error.datetime"));
                return null;
        }
    }

    private static JsonElement? Values(JsonElement root, int maxValues, List<FieldError> errors)
    {
        if (!root.TryGetProperty("values", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(["body", "values"], "field required", FieldError.MissingType));
            return null;
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError(["body", "values"], "values must be an array of readings", "type_error.list"));
            return null;
        }
        var count = element.GetArrayLength();
        if (count == 0)
        {
            errors.Add(new FieldError(["body", "values"], "values must hold at least one reading", "value_error.list.min_items",
                new Dictionary<string, object> { ["limit_value"] = 1 }));
            return null;
        }
        if (count > maxValues)
        {
            errors.Add(new FieldError(["body", "values"], $"values holds {count} readings; at most {maxValues} per upload", "value_error.list.max_items",
                new Dictionary<string, object> { ["limit_value"] = maxValues }));
            return null;
        }
        return element;
    }
}
