using System.Globalization;
using System.Text.Json;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Model.Records;

/// <summary>
/// Reads the members of a request's JSON object one by one, so that a member of the wrong type is reported under its
/// own name rather than as an unreadable body, and an absent member can be told from an explicit null.
/// </summary>
/// <param name="Root">The object.</param>
/// <param name="Errors">Where problems go.</param>
/// <param name="Prefix">Prepended to member names in errors (<c>values.</c>).</param>
public readonly record struct JsonFields(JsonElement Root, FieldErrors Errors, string Prefix = "")
{
    /// <summary>Whether the object has the member (even null).</summary>
    public bool Has(string name) => Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty(name, out _);

    /// <summary>The member, absent or null giving null.</summary>
    public JsonElement? Get(string name) =>
        Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A number (a numeric string is accepted too: some clients quote them).</summary>
    public double? Number(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }
        if (value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number))
        {
            return number;
        }
        Errors.Add(Prefix + name, $"{Prefix + name} must be a number.");
        return null;
    }

    /// <summary>A whole number.</summary>
    public long? Integer(string name)
    {
        if (Number(name) is not { } number)
        {
            return null;
        }
        if (number != Math.Floor(number) || Math.Abs(number) > int.MaxValue)
        {
            Errors.Add(Prefix + name, $"{Prefix + name} must be a whole number.");
            return null;
        }
        return (long)number;
    }

    /// <summary>A string, trimmed; empty gives null.</summary>
    public string? Text(string name, int maxLength = 200)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Errors.Add(Prefix + name, $"{Prefix + name} must be a string.");
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length > maxLength)
        {
            Errors.Add(Prefix + name, $"{Prefix + name} is longer than {maxLength} characters.");
            return null;
        }
        return text.Length == 0 ? null : text;
    }

    /// <summary>An ISO 8601 date and time; without an offset it is taken as UTC.</summary>
    public DateTimeOffset? Instant(string name)
    {
        if (Text(name, 64) is not { } text)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var instant))
        {
            return instant;
        }
        Errors.Add(Prefix + name, $"{Prefix + name} must be an ISO 8601 date and time, such as 2023-12-01T10:00:00Z.");
        return null;
    }

    /// <summary>An ISO 8601 date (<c>yyyy-MM-dd</c>).</summary>
    public DateOnly? Date(string name)
    {
        if (Text(name, 32) is not { } text)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Errors.Add(Prefix + name, $"{Prefix + name} must be a date such as 1990-05-17.");
        return null;
    }

    /// <summary>A JSON object, as is.</summary>
    public JsonElement? Object(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            Errors.Add(Prefix + name, $"{Prefix + name} must be an object.");
            return null;
        }
        return value;
    }

    /// <summary>A JSON array, as is.</summary>
    public JsonElement? Array(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Errors.Add(Prefix + name, $"{Prefix + name} must be an array.");
            return null;
        }
        return value;
    }

    /// <summary>Adds an error unless <paramref name="value"/> is within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double? InRange(string name, double? value, double min, double max, string? unit = null)
    {
        if (value is { } v && (v < min || v > max))
        {
            var suffix = unit is null ? "" : " " + unit;
            Errors.Add(Prefix + name, $"{Prefix + name} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}{suffix}.");
            return null;
        }
        return value;
    }

    /// <summary>A number member within bounds.</summary>
    public double? Number(string name, double min, double max, string? unit = null) => InRange(name, Number(name), min, max, unit);
}
