using Microsoft.AspNetCore.Http.HttpResults;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.Tracking.Infrastructure;
using VitaSense.Tracking.Model.Analytics;
using VitaSense.Tracking.Model.Records;
using VitaSense.Tracking.Services.Analytics;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Apis;

/// <summary><c>/api/v1/sleep/analysis</c>: the analysis of the caller's own sleep sessions.</summary>
public static class SleepAnalysisApi
{
    /// <summary>Days analysed by default.</summary>
    public const int DefaultDays = 30;

    /// <summary>Longest range analysed.</summary>
    public const int MaxDays = 366;

    /// <summary>Maps the sleep analysis.</summary>
    public static IEndpointRouteBuilder MapSleepAnalysisApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/sleep/analysis", AnalyzeAsync)
            .WithTags("Sleep")
            .RequireAuthorization(Extensions.Extensions.UserPolicy)
            .WithName("GetSleepAnalysis")
            .WithSummary("Get sleep analysis and insights")
            .WithDescription($"""
                Over the local days start_date..end_date (default: the last {DefaultDays} days to today; at most {MaxDays}): average
                duration, efficiency and score; bedtime and wake time consistency (circular mean and standard deviation of the local
                clock times); light/deep/REM proportions against age-typical ranges with flags; sleep debt against 8 h a night (7 h
                over 65); the trend of nightly duration (slope per week, p-value).
                """)
            .Produces<SleepAnalysis>()
            .ProducesValidationProblem();
        return app;
    }

    /// <summary>Get sleep analysis and insights.</summary>
    public static async Task<Results<Ok<SleepAnalysis>, ValidationProblem>> AnalyzeAsync(HttpContext context, InsightsProfileStore profiles, AnalyticsSleepStore store,
        TimeProvider timeProvider)
    {
        var userId = context.User.GetUserId();
        var profile = await profiles.GetAsync(userId, context.RequestAborted);
        var query = new QueryReader(context.Request.Query, new FieldErrors());
        if (AnalyticsRange.Read(query, profile, timeProvider, DefaultDays, MaxDays) is not { } range)
        {
            return query.Errors.ToProblem();
        }
        var sessions = await store.ReadAsync(userId, profile, range.Start, range.End.AddDays(1), context.RequestAborted);
        return TypedResults.Ok(SleepAnalyzer.Analyze(sessions, profile, range.Start, range.End));
    }
}
