using System.Globalization;
using System.Text.RegularExpressions;

namespace VitaSense.Ingestion.Model;

/// <summary>
/// Strict ISO 8601 date-times: <c>YYYY-MM-DDTHH:MM[:SS[.fffffff]]</c> followed by <c>Z</c> or <c>±HH:MM</c>.
/// A time without an offset is refused rather than guessed at: a device's local time is unknowable here.
/// </summary>
public static partial class IsoTimestamp
{
    /// <summary>Outcome of parsing.</summary>
    public enum Outcome
    {
        /// <summary>Parsed.</summary>
        Valid,

        /// <summary>Not an ISO 8601 date-time.</summary>
        Invalid,

        /// <summary>A date-time without <c>Z</c> or an offset.</summary>
        MissingOffset,
    }

    /// <summary>Parses <paramref name="text"/>; the value is UTC and truncated to whole microseconds.</summary>
    public static Outcome TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        var match = Shape().Match(text);
        if (!match.Success)
        {
            return Outcome.Invalid;
        }
        if (!match.Groups["offset"].Success)
        {
            return Outcome.MissingOffset;
        }

        try
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Outcome.Invalid;
            }
            var utc = parsed.ToUniversalTime();
            value = new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
            return Outcome.Valid;
        }
        catch (ArgumentOutOfRangeException)
        {
            // The offset moves the instant outside the representable range (year 1 or 9999).
            return Outcome.Invalid;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(?<offset>Z|[+-]\d{2}:\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
