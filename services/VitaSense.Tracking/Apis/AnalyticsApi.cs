using Microsoft.AspNetCore.Http.HttpResults;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.Tracking.Infrastructure;
using VitaSense.Tracking.Model.Analytics;
using VitaSense.Tracking.Model.Records;
using VitaSense.Tracking.Services.Analytics;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Apis;

/// <summary><c>/api/v1/analytics</c>: trends, correlations, recommendations and anomalies of the caller's own data.</summary>
public static class AnalyticsApi
{
    private const int DefaultWindowDays = 30;
    private const int DefaultWindows = 3;
    private const int DefaultCorrelationDays = 90;
    private const int MaxDays = 366;
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;
    private static readonly string[] Severities = ["info", "warning", "critical"];

    /// <summary>Maps the analytics endpoints.</summary>
    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/analytics").WithTags("Analytics").RequireAuthorization(Extensions.Extensions.UserPolicy);

        api.MapGet("/trends", TrendsAsync)
            .WithName("GetTrends")
            .WithSummary("Get health trends analysis")
            .WithDescription($"""
                For metric_type (steps, distance, active_minutes, calories, sleep_hours, weight, resting_heart_rate, workouts or any metric
                type; by default steps, active_minutes, sleep_hours, resting_heart_rate and weight): the OLS slope per day of the daily
                values in each of `windows` (default {DefaultWindows}) consecutive windows of `window` days (default {DefaultWindowDays};
                7, 30, 90...) ending today, with the two-sided p-value of its t statistic; a direction only when p < 0.05.
                """)
            .Produces<TrendReport>()
            .ProducesValidationProblem();

        api.MapGet("/correlations", CorrelationsAsync)
            .WithName("GetCorrelations")
            .WithSummary("Get health factor correlations")
            .WithDescription($"""
                Pearson and Spearman coefficients with n and p-value between daily series aligned on the user's local days, over
                start_date..end_date (default the last {DefaultCorrelationDays} days). pairs: x:y[:lag],... (default sleep_hours vs
                resting_heart_rate, steps vs weight, active_minutes vs resting_heart_rate, sleep_hours vs steps; a night counts on the day
                it ended, so the day after it is lag 0). A pair with fewer than {AnalyticsService.MinimumCorrelationN} aligned days is
                reported as insufficient, with its n.
                """)
            .Produces<CorrelationReport>()
            .ProducesValidationProblem();

        api.MapGet("/recommendations", RecommendationsAsync)
            .WithName("GetRecommendations")
            .WithSummary("Get personalized health recommendations")
            .WithDescription("From goals behind pace, significantly worsening 30-day trends, the last week's sleep debt and recent anomalies; each with the reason in numbers.")
            .Produces<RecommendationReport>();

        api.MapGet("/anomalies", AnomaliesAsync)
            .WithName("GetAnomalies")
            .WithSummary("Get detected health anomalies")
            .WithDescription($"The caller's anomalies from the agents, newest first. Query: start, end (ISO 8601), severity (info, warning, critical), limit (default {DefaultLimit}, at most {MaxLimit}), offset.")
            .Produces<RecordPage<Anomaly>>()
            .ProducesValidationProblem();
        return app;
    }

    /// <summary>Get health trends analysis.</summary>
    public static async Task<Results<Ok<TrendReport>, ValidationProblem>> TrendsAsync(HttpContext context, InsightsProfileStore profiles, AnalyticsService analytics)
    {
        var query = new QueryReader(context.Request.Query, new FieldErrors());
        IReadOnlyList<SeriesSource> sources = AnalyticsService.DefaultTrendSeries;
        if (query.String("metric_type") is { } names)
        {
            var resolved = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(SeriesCatalog.Resolve).ToList();
            if (resolved.Count is 0 or > 20 || resolved.Any(s => s is null))
            {
                query.Errors.Add("metric_type", "Must be one to 20 of steps, distance, active_minutes, calories, sleep_hours, weight, resting_heart_rate, workouts or metric types, comma-separated.");
            }
            else
            {
                sources = resolved.Select(s => s!).DistinctBy(s => s.Name).ToList();
            }
        }
        var window = query.Int("window", DefaultWindowDays, 3, MaxDays);
        var windows = query.Int("windows", DefaultWindows, 1, 12);
        if (!query.Errors.Any && window * windows > 3 * MaxDays)
        {
            query.Errors.Add("windows", $"window × windows must not exceed {3 * MaxDays} days.");
        }
        if (query.Errors.Any)
        {
            return query.Errors.ToProblem();
        }
        var userId = context.User.GetUserId();
        var profile = await profiles.GetAsync(userId, context.RequestAborted);
        return TypedResults.Ok(await analytics.TrendsAsync(userId, profile, sources, window, windows, context.RequestAborted));
    }

    /// <summary>Get health factor correlations.</summary>
    public static async Task<Results<Ok<CorrelationReport>, ValidationProblem>> CorrelationsAsync(HttpContext context, InsightsProfileStore profiles, AnalyticsService analytics,
        TimeProvider timeProvider)
    {
        var userId = context.User.GetUserId();
        var profile = await profiles.GetAsync(userId, context.RequestAborted);
        var query = new QueryReader(context.Request.Query, new FieldErrors());
        var specs = CorrelationSpec.Parse(query.String("pairs"), query.Errors);
        var range = AnalyticsRange.Read(query, profile, timeProvider, DefaultCorrelationDays, MaxDays);
        if (specs is null || range is null)
        {
            return query.Errors.ToProblem();
        }
        return TypedResults.Ok(await analytics.CorrelationsAsync(userId, profile, specs, range, context.RequestAborted));
    }

    /// <summary>Get personalized health recommendations.</summary>
    public static async Task<Ok<RecommendationReport>> RecommendationsAsync(HttpContext context, InsightsProfileStore profiles, AnalyticsService analytics)
    {
        var userId = context.User.GetUserId();
        var profile = await profiles.GetAsync(userId, context.RequestAborted);
        return TypedResults.Ok(await analytics.RecommendationsAsync(userId, profile, context.RequestAborted));
    }

    /// <summary>Get detected health anomalies.</summary>
    public static async Task<Results<Ok<RecordPage<Anomaly>>, ValidationProblem>> AnomaliesAsync(HttpContext context, AnalyticsAnomalyStore store)
    {
        var query = new QueryReader(context.Request.Query, new FieldErrors());
        var start = query.Instant("start");
        var end = query.Instant("end");
        var severity = query.String("severity")?.ToLowerInvariant();
        if (severity is not null && !Severities.Contains(severity))
        {
            query.Errors.Add("severity", "Must be info, warning or critical.");
        }
        if (start > end)
        {
            query.Errors.Add("start", "Must not be after end.");
        }
        var limit = query.Int("limit", DefaultLimit, 1, MaxLimit);
        var offset = query.Int("offset", 0, 0, int.MaxValue);
        if (query.Errors.Any)
        {
            return query.Errors.ToProblem();
        }
        return TypedResults.Ok(await store.ListAsync(context.User.GetUserId(), start, end, severity, limit, offset, context.RequestAborted));
    }
}
