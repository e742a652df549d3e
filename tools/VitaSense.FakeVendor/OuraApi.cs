using System.Globalization;
using System.Security.Cryptography;

namespace VitaSense.FakeVendor;

/// <summary>
/// Oura API v2 as its public reference documents it, answering generated data: heart rate every five minutes, one
/// night of sleep per day, a ring. Any authorization code is accepted; tokens are random and checked only for form.
/// Time ranges are capped to the last <see cref="MaxDays"/> days so a first sync stays small.
/// </summary>
public static class OuraApi
{
    /// <summary>Most days of history answered.</summary>
    public const int MaxDays = 3;

    private const int PageSize = 288;

    /// <summary>The OAuth 2.0 token endpoint: <c>authorization_code</c> (any code) and <c>refresh_token</c> (one of its refresh tokens, by form) grants.</summary>
    public static async Task<IResult> TokenAsync(HttpRequest request)
    {
        // OAuth 2.0 token requests are form-encoded; reading any other body as a form would throw (a 500).
        if (!request.HasFormContentType)
        {
            return Results.Json(new { error = "invalid_request" }, statusCode: StatusCodes.Status400BadRequest);
        }
        var form = await request.ReadFormAsync();
        var grant = form["grant_type"].ToString();
        if (grant is not ("authorization_code" or "refresh_token")
            || (grant == "authorization_code" && string.IsNullOrEmpty(form["code"]))
            || (grant == "refresh_token" && !form["refresh_token"].ToString().StartsWith("rt-", StringComparison.Ordinal)))
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }
        return Results.Json(new
        {
            access_token = Token("at"),
            refresh_token = Token("rt"),
            token_type = "bearer",
            expires_in = 86400,
            scope = "personal daily heartrate",
        });
    }

    /// <summary>Every data call needs a bearer token, as the real API does.</summary>
    public static async ValueTask<object?> RequireBearerAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.Headers.Authorization.ToString().StartsWith("Bearer at-", StringComparison.Ordinal)
            ? await next(context)
            : Results.Json(new { detail = "Unauthorized" }, statusCode: StatusCodes.Status401Unauthorized);

    /// <summary><c>personal_info</c>.</summary>
    public static IResult PersonalInfo() =>
        Results.Json(new { id = "fake-oura-user", age = 34, weight = 70.5, height = 1.75, biological_sex = "female", email = "member@example.com" });

    /// <summary><c>ring_configuration</c>: one ring.</summary>
    public static IResult RingConfiguration() => Results.Json(new
    {
        data = new[] { new { id = "fake-ring-1", color = "silver", design = "heritage", firmware_version = "2.9.1", hardware_type = "gen3", set_up_at = "2024-01-01T00:00:00+00:00", size = 9 } },
        next_token = (string?)null,
    });

    /// <summary><c>heartrate?start_datetime&amp;end_datetime&amp;next_token</c>: a reading every five minutes, paged.</summary>
    public static IResult HeartRate(string? start_datetime, string? end_datetime, string? next_token)
    {
        var (from, to) = Range(start_datetime, end_datetime);
        from = new DateTimeOffset(from.Ticks - from.Ticks % TimeSpan.FromMinutes(5).Ticks, TimeSpan.Zero);
        var skip = int.TryParse(next_token, CultureInfo.InvariantCulture, out var page) ? page : 0;
        var readings = new List<object>();
        var at = from.AddMinutes(5 * skip);
        for (; at < to && readings.Count < PageSize; at = at.AddMinutes(5))
        {
            var asleep = at.Hour is >= 23 or < 7;
            // A circadian wave plus a deterministic wobble: the same instant always has the same value.
            var bpm = (asleep ? 54 : 68) + 6 * Math.Sin(at.Hour / 24.0 * 2 * Math.PI) + (at.Minute % 15) / 5.0;
            readings.Add(new { bpm = Math.Round(bpm), source = asleep ? "rest" : "awake", timestamp = at.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture) });
        }
        return Results.Json(new { data = readings, next_token = at < to ? (skip + readings.Count).ToString(CultureInfo.InvariantCulture) : null });
    }

    /// <summary><c>daily_sleep?start_date&amp;end_date</c>: a score per night.</summary>
    public static IResult DailySleep(string? start_date, string? end_date, string? start_datetime, string? end_datetime) =>
        Results.Json(new
        {
            data = Nights(start_date ?? start_datetime, end_date ?? end_datetime).Select(day => new
            {
                id = $"ds-{day:yyyyMMdd}",
                contributors = new { deep_sleep = 80, efficiency = 90, latency = 70, rem_sleep = 85, restfulness = 75, timing = 95, total_sleep = 88 },
                day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                score = 75 + day.Day % 15,
                timestamp = $"{day:yyyy-MM-dd}T00:00:00+00:00",
            }),
            next_token = (string?)null,
        });

    /// <summary><c>sleep?start_date&amp;end_date</c>: one long sleep per night with its stages.</summary>
    public static IResult Sleep(string? start_date, string? end_date, string? start_datetime, string? end_datetime) =>
        Results.Json(new
        {
            data = Nights(start_date ?? start_datetime, end_date ?? end_datetime).Select(day => new
            {
                id = $"sl-{day:yyyyMMdd}",
                average_breath = 14.5,
                average_heart_rate = 53.0,
                average_hrv = 58 + day.Day % 10,
                awake_time = 1800,
                bedtime_start = $"{day.AddDays(-1):yyyy-MM-dd}T23:05:00+00:00",
                bedtime_end = $"{day:yyyy-MM-dd}T07:00:00+00:00",
                day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                deep_sleep_duration = 5400,
                efficiency = 92,
                latency = 600,
                light_sleep_duration = 14400,
                lowest_heart_rate = 48 + day.Day % 4,
                rem_sleep_duration = 5400,
                time_in_bed = 28500,
                total_sleep_duration = 25200,
                type = "long_sleep",
            }),
            next_token = (string?)null,
        });

    // The asked range, cut to the last MaxDays days and to now.
    private static (DateTimeOffset From, DateTimeOffset To) Range(string? start, string? end)
    {
        var now = DateTimeOffset.UtcNow;
        var from = DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s) ? s.ToUniversalTime() : now.AddDays(-1);
        var to = DateTimeOffset.TryParse(end, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e) ? e.ToUniversalTime() : now;
        return (from < now.AddDays(-MaxDays) ? now.AddDays(-MaxDays) : from, to > now ? now : to);
    }

    // Days whose night (ending that morning at 07:00 UTC) has ended within the range.
    private static IEnumerable<DateOnly> Nights(string? start, string? end)
    {
        var (from, to) = Range(start, end);
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day <= DateOnly.FromDateTime(to.UtcDateTime); day = day.AddDays(1))
        {
            if (new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero) <= to)
            {
                yield return day;
            }
        }
    }

    private static string Token(string prefix) => $"{prefix}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}";
}
