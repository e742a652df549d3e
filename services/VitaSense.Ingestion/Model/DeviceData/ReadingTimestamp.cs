using System.Globalization;

namespace VitaSense.Ingestion.Model.DeviceData;

/// <summary>
/// A reading's time as <see cref="IsoTimestamp"/> reads it (offset required, whole microseconds), but in the offset
/// it was sent with: the store keeps that offset, so the reading's local time is never lost.
/// </summary>
public static class ReadingTimestamp
{
    /// <summary>Parses <paramref name="text"/>; on success <paramref name="value"/> carries the sender's offset.</summary>
    public static IsoTimestamp.Outcome TryParse(string text, out DateTimeOffset value)
    {
        var outcome = IsoTimestamp.TryParse(text, out var utc);
        value = utc;
        if (outcome != IsoTimestamp.Outcome.Valid)
        {
            return outcome;
        }
        try
        {
            var local = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
            value = utc.ToOffset(local.Offset);
            return outcome;
        }
        catch (ArgumentOutOfRangeException)
        {
            return IsoTimestamp.Outcome.Invalid;
        }
    }

    /// <summary>The field error for a query parameter that is not an ISO 8601 time with an offset; null when it is one.</summary>
    public static FieldError? QueryError(string parameter, string text, out DateTimeOffset value)
    {
        // An unencoded '+' in a query string arrives as a space.
        return TryParse(text.Replace(' ', '+'), out value) switch
        {
            IsoTimestamp.Outcome.Valid => null,
            IsoTimestamp.Outcome.MissingOffset => new FieldError(["query", parameter],
                $"{parameter} must include a UTC offset, such as Z or +02:00", "value_error.datetime.offset_missing"),
            _ => new FieldError(["query", parameter], "invalid datetime format: expected ISO 8601 with a UTC offset", "value_error.datetime"),
        };
    }
}
