using System.Globalization;
using Microsoft.Extensions.Primitives;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Model.Records;

/// <summary>
/// The time range and page of a list request: <c>start_date</c> and <c>end_date</c> (inclusive; a bare date is a day of
/// the user's time zone, a date and time is that instant), <c>limit</c> and <c>offset</c>.
/// </summary>
/// <param name="From">Inclusive lower bound, if any.</param>
/// <param name="To">Exclusive upper bound, if any.</param>
/// <param name="Limit">Page size.</param>
/// <param name="Offset">Records skipped.</param>
public sealed record RecordQuery(DateTimeOffset? From, DateTimeOffset? To, int Limit, int Offset)
{
    /// <summary>Page size when <c>limit</c> is absent.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Largest page.</summary>
    public const int MaxLimit = 100;

    /// <summary>Reads the range and page from the query string; null (with errors) when any is malformed.</summary>
    public static RecordQuery? Parse(IQueryCollection query, TimeZoneInfo zone, FieldErrors errors)
    {
        var (from, to) = ParseRange(query, zone, errors);
        var limit = ParseInt(query["limit"], "limit", DefaultLimit, 1, MaxLimit, errors);
        var offset = ParseInt(query["offset"], "offset", 0, 0, int.MaxValue, errors);
        return errors.Any ? null : new RecordQuery(from, to, limit, offset);
    }

    /// <summary>Reads <c>start_date</c> and <c>end_date</c>: the lower bound inclusive, the upper exclusive.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) ParseRange(IQueryCollection query, TimeZoneInfo zone, FieldErrors errors)
    {
        var from = ParseBound(query["start_date"], "start_date", zone, end: false, errors);
        var to = ParseBound(query["end_date"], "end_date", zone, end: true, errors);
        if (from is { } f && to is { } t && t <= f)
        {
            errors.Add("end_date", "end_date must not be before start_date.");
        }
        return (from, to);
    }

    /// <summary>The instant a local date starts at in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a DST change: the day starts at the first instant that exists.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static DateTimeOffset? ParseBound(StringValues values, string name, TimeZoneInfo zone, bool end, FieldErrors errors)
    {
        if (StringValues.IsNullOrEmpty(values) || string.IsNullOrWhiteSpace(values[0]))
        {
            return null;
        }
        var text = values[0]!.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return StartOfDay(end ? date.AddDays(1) : date, zone);
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            // Inclusive end: the instant itself still matches (timestamptz has microsecond resolution).
            return end ? instant.AddTicks(10) : instant;
        }
        errors.Add(name, $"{name} must be a date (2023-12-01) or an ISO 8601 date and time (2023-12-01T10:00:00Z).");
        return null;
    }

    private static int ParseInt(StringValues values, string name, int fallback, int min, int max, FieldErrors errors)
    {
        if (StringValues.IsNullOrEmpty(values))
        {
            return fallback;
        }
        if (!int.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(name, max == int.MaxValue ? $"{name} must be a whole number of at least {min}." : $"{name} must be a whole number from {min} to {max}.");
            return fallback;
        }
        return value;
    }
}
