using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.Tracking.Model.Metrics;
using VitaSense.Tracking.Model.Records;
using TrackingExtensions = VitaSense.Tracking.Extensions.Extensions;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Apis;

/// <summary>
/// <c>/api/v1/metrics</c>: vital signs and body measurements, posted by hand or synced from devices, their history, a
/// summary per type over a period and the latest reading of each type.
/// </summary>
public static class MetricsApi
{
    /// <summary>The route prefix.</summary>
    public const string Prefix = "/api/v1/metrics";

    /// <summary>The periods of <c>GET /metrics/summary</c>.</summary>
    public static readonly IReadOnlyList<string> Periods = ["day", "week", "month", "year"];

    /// <summary>Maps the metric endpoints.</summary>
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Metrics").RequireAuthorization(TrackingExtensions.UserPolicy);

        api.MapPost("", CreateAsync)
            .WithName("CreateMetric")
            .WithSummary("Record health metrics")
            .WithDescription("""
                metric_type (ingestion's canonical names or the short ones: weight, glucose, spo2, steps, temperature), timestamp,
                values, device_id, notes. Checked per type with physiological bounds: blood_pressure values.systolic 50-260 above
                values.diastolic 30-160, values.pulse 20-250; blood_glucose in mg/dL or mmol/L (values.unit; stored mg/dL) with
                values.meal_context; weight in kg or lb (stored kg) with body composition, BMI derived from the profile's height;
                body_temperature in C or F (stored C, 30-45); spo2 70-100; respiratory_rate 4-60. 400 names the field.
                """)
            .Accepts<MetricReading>("application/json")
            .Produces<MetricReading>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        api.MapGet("", ListAsync)
            .WithName("ListMetrics")
            .WithSummary("Get health metrics history")
            .WithDescription($"""
                Newest first. Query: metric_type, start_date and end_date (inclusive; a date is a day of the profile's time zone),
                limit (1-{RecordQuery.MaxLimit}, default {RecordQuery.DefaultLimit}), offset.
                """)
            .Produces<RecordPage<MetricReading>>()
            .ProducesValidationProblem();

        api.MapGet("/summary", SummaryAsync)
            .WithName("GetMetricsSummary")
            .WithSummary("Get metrics summary and trends")
            .WithDescription("""
                Per metric type over period=day|week|month|year (default week, ending now) or start_date/end_date: count, min,
                avg, max, last and the least-squares trend (slope per day; up, down, or stable when the line moves less than 2%
                of the mean). Blood pressure is summarised per component (systolic, diastolic, pulse). Query metric_type limits
                it to one type.
                """)
            .Produces<MetricSummaryReport>()
            .ProducesValidationProblem();

        api.MapGet("/latest", LatestAsync)
            .WithName("GetLatestMetrics")
            .WithSummary("Get latest metrics for all types")
            .WithDescription("The newest reading of each metric type, keyed by type.")
            .Produces<IReadOnlyDictionary<string, MetricReading>>();
        return app;
    }

    /// <summary>Record health metrics</summary>
    public static async Task<Results<Created<MetricReading>, ValidationProblem>> CreateAsync(HttpContext context, [AsParameters] RecordsServices services)
    {
        var userId = context.User.GetUserId();
        var errors = new FieldErrors();
        var now = services.Time.GetUtcNow();
        using var body = await JsonBody.ReadAsync(context, errors);
        if (body is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var profile = await services.Profiles.GetAsync(userId, context.RequestAborted);
        if (MetricRules.Parse(body.RootElement, profile.HeightCm, now, errors) is not { } reading)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var stored = await services.Metrics.InsertAsync(userId, reading, now, context.RequestAborted);
        return TypedResults.Created($"{Prefix}?metric_type={stored.MetricType}", stored);
    }

    /// <summary>Get health metrics history</summary>
    public static async Task<Results<Ok<RecordPage<MetricReading>>, ValidationProblem>> ListAsync(
        [FromQuery(Name = "metric_type")] string? metricType, HttpContext context, [AsParameters] RecordsServices services)
    {
        var userId = context.User.GetUserId();
        var errors = new FieldErrors();
        var zone = await services.Profiles.GetTimeZoneAsync(userId, context.RequestAborted);
        var type = ParseType(metricType, errors);
        if (RecordQuery.Parse(context.Request.Query, zone, errors) is not { } query || errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var (items, total) = await services.Metrics.ListAsync(userId, type, query, context.RequestAborted);
        return TypedResults.Ok(new RecordPage<MetricReading>(items, total, query.Limit, query.Offset));
    }

    /// <summary>Get metrics summary and trends</summary>
    public static async Task<Results<Ok<MetricSummaryReport>, ValidationProblem>> SummaryAsync(
        [FromQuery(Name = "metric_type")] string? metricType, [FromQuery(Name = "period")] string? period, HttpContext context, [AsParameters] RecordsServices services)
    {
        var userId = context.User.GetUserId();
        var errors = new FieldErrors();
        var zone = await services.Profiles.GetTimeZoneAsync(userId, context.RequestAborted);
        var type = ParseType(metricType, errors);
        var (from, to) = RecordQuery.ParseRange(context.Request.Query, zone, errors);
        var now = services.Time.GetUtcNow();
        var end = to ?? now;
        var chosen = string.IsNullOrWhiteSpace(period) ? "week" : period.Trim().ToLowerInvariant();
        if (!Periods.Contains(chosen))
        {
            errors.Add("period", $"period must be one of {string.Join(", ", Periods)}.");
        }
        var start = from ?? chosen switch
        {
            "day" => end.AddDays(-1),
            "month" => end.AddMonths(-1),
            "year" => end.AddYears(-1),
            _ => end.AddDays(-7),
        };
        if (start >= end && !errors.Has("end_date"))
        {
            errors.Add("start_date", "start_date must be before the end of the period.");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var summaries = await services.Metrics.SummarizeAsync(userId, type, start, end, context.RequestAborted);
        return TypedResults.Ok(new MetricSummaryReport(start, end, summaries));
    }

    /// <summary>Get latest metrics for all types</summary>
    public static async Task<Ok<Dictionary<string, MetricReading>>> LatestAsync(HttpContext context, [AsParameters] RecordsServices services)
    {
        var latest = await services.Metrics.LatestAsync(context.User.GetUserId(), context.RequestAborted);
        return TypedResults.Ok(latest.ToDictionary(r => r.MetricType, StringComparer.Ordinal));
    }

    // A type filter names a type any way it may be posted; one nobody can post is a mistake worth saying.
    private static string? ParseType(string? metricType, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(metricType))
        {
            return null;
        }
        if (MetricTypes.Find(metricType) is { } type)
        {
            return type.Name;
        }
        errors.Add("metric_type", $"Unknown metric_type '{metricType}'.");
        return null;
    }
}
