using System.Globalization;
using System.Text.Json;

namespace VitaSense.Devices.Integrations;

/// <summary>
/// Strict readers of vendor JSON: a missing or mistyped field throws <see cref="VendorException"/> of kind
/// <see cref="VendorErrorKind.InvalidPayload"/> naming its path, so a partial payload fails the sync instead of
/// being half-stored.
/// </summary>
public readonly struct VendorJson(string vendor)
{
    /// <summary>A required array property.</summary>
    public JsonElement.ArrayEnumerator Array(JsonElement parent, string name, string path) =>
        Property(parent, name, path, JsonValueKind.Array).EnumerateArray();

    /// <summary>A required object property.</summary>
    public JsonElement Object(JsonElement parent, string name, string path) => Property(parent, name, path, JsonValueKind.Object);

    /// <summary>A required string property.</summary>
    public string String(JsonElement parent, string name, string path) => Property(parent, name, path, JsonValueKind.String).GetString()!;

    /// <summary>An optional string property (null or absent gives null).</summary>
    public string? OptionalString(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A required number (a numeric string too: protobuf JSON writes 64-bit integers as strings).</summary>
    public double Number(JsonElement parent, string name, string path) =>
        OptionalNumber(parent, name, path) ?? throw VendorException.Payload(vendor, $"{path}.{name}", "missing");

    /// <summary>An optional number; present but not a number throws.</summary>
    public double? OptionalNumber(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            throw VendorException.Payload(vendor, path, $"expected an object, found {parent.ValueKind}");
        }
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        double number;
        if (value.ValueKind == JsonValueKind.Number)
        {
            number = value.GetDouble();
        }
        else if (value.ValueKind != JsonValueKind.String || !double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            throw VendorException.Payload(vendor, $"{path}.{name}", $"expected a number, found {value.ValueKind}");
        }
        if (!double.IsFinite(number))
        {
            throw VendorException.Payload(vendor, $"{path}.{name}", "not a finite number");
        }
        return number;
    }

    /// <summary>A required ISO 8601 instant with an offset (or <c>Z</c>).</summary>
    public DateTimeOffset Instant(JsonElement parent, string name, string path)
    {
        var text = String(parent, name, path);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) || !HasOffset(text))
        {
            throw VendorException.Payload(vendor, $"{path}.{name}", $"'{text}' is not an ISO 8601 time with an offset");
        }
        return at;
    }

    /// <summary>A required local time without offset (<c>2024-01-01T23:10:00.000</c>), placed at <paramref name="offset"/>.</summary>
    public DateTimeOffset Local(JsonElement parent, string name, string path, TimeSpan offset)
    {
        var text = String(parent, name, path);
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw VendorException.Payload(vendor, $"{path}.{name}", $"'{text}' is not a date and time");
        }
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

    /// <summary>An error naming <paramref name="path"/>.</summary>
    public VendorException Error(string path, string problem) => VendorException.Payload(vendor, path, problem);

    private JsonElement Property(JsonElement parent, string name, string path, JsonValueKind kind)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            throw VendorException.Payload(vendor, path, $"expected an object, found {parent.ValueKind}");
        }
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw VendorException.Payload(vendor, $"{path}.{name}", "missing");
        }
        if (value.ValueKind != kind)
        {
            throw VendorException.Payload(vendor, $"{path}.{name}", $"expected {kind}, found {value.ValueKind}");
        }
        return value;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
}
