using System.Globalization;
using VitaSense.Tracking.Model.Records;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Model.Analytics;

/// <summary>Reads query parameters, recording a field error instead of failing the request with a 500 or an unnamed 400.</summary>
/// <param name="query">The request's query.</param>
/// <param name="errors">Where errors go.</param>
public sealed class QueryReader(IQueryCollection query, FieldErrors errors)
{
    /// <summary>The errors found so far.</summary>
    public FieldErrors Errors => errors;

    /// <summary>The trimmed value of <paramref name="name"/>, or null when absent or empty.</summary>
    public string? String(string name) => query[name].ToString() is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>], <paramref name="fallback"/> when absent.</summary>
    public int Int(string name, int fallback, int min, int max)
    {
        if (String(name) is not { } text)
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(name, $"Must be an integer from {min} to {max}.");
            return fallback;
        }
        return value;
    }

    /// <summary>A boolean, null when absent.</summary>
    public bool? Bool(string name)
    {
        if (String(name) is not { } text)
        {
            return null;
        }
        if (!bool.TryParse(text, out var value))
        {
            errors.Add(name, "Must be true or false.");
            return null;
        }
        return value;
    }

    /// <summary>A date (<c>2024-01-31</c>) or an instant with an offset, as the user's local date; null when absent.</summary>
    public DateOnly? Date(string name, InsightsProfile profile)
    {
        if (String(name) is not { } text)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return profile.LocalDate(instant);
        }
        errors.Add(name, "Must be a date (YYYY-MM-DD) or an ISO 8601 date-time.");
        return null;
    }

    /// <summary>An instant (a date means its start in UTC); null when absent.</summary>
    public DateTimeOffset? Instant(string name)
    {
        if (String(name) is not { } text)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }
        errors.Add(name, "Must be an ISO 8601 date-time or a date (YYYY-MM-DD).");
        return null;
    }
}
