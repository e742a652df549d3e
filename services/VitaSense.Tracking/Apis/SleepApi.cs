using Microsoft.AspNetCore.Http.HttpResults;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.Tracking.Model.Records;
using VitaSense.Tracking.Model.Sleep;
using TrackingExtensions = VitaSense.Tracking.Extensions.Extensions;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Apis;

/// <summary><c>/api/v1/sleep</c>: sleep sessions with stages (the analysis, <c>/sleep/analysis</c>, is the insights').</summary>
public static class SleepApi
{
    /// <summary>The route prefix.</summary>
    public const string Prefix = "/api/v1/sleep";

    /// <summary>Maps POST and GET <c>/api/v1/sleep</c>.</summary>
    public static IEndpointRouteBuilder MapSleepApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Sleep").RequireAuthorization(TrackingExtensions.UserPolicy);

        api.MapPost("", CreateAsync)
            .WithName("CreateSleep")
            .WithSummary("Record sleep data")
            .WithDescription($"""
                start_time and end_time are required (end after start, at most {SleepRules.MaxSession.TotalHours:0} hours apart);
                duration_hours defaults to end − start and may not exceed it; sleep_stages (light_sleep_hours, deep_sleep_hours,
                rem_sleep_hours, awake_hours) may not add up to more than the session; sleep_score 0-100; sleep_efficiency 0-100.
                400 names the field.
                """)
            .Accepts<SleepSession>("application/json")
            .Produces<SleepSession>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        api.MapGet("", ListAsync)
            .WithName("ListSleep")
            .WithSummary("Get sleep history")
            .WithDescription($"Newest first. Query: start_date, end_date (inclusive, on start_time), limit (1-{RecordQuery.MaxLimit}, default {RecordQuery.DefaultLimit}), offset.")
            .Produces<RecordPage<SleepSession>>()
            .ProducesValidationProblem();
        return app;
    }

    /// <summary>Record sleep data</summary>
    public static async Task<Results<Created<SleepSession>, ValidationProblem>> CreateAsync(HttpContext context, [AsParameters] RecordsServices services)
    {
        var errors = new FieldErrors();
        var now = services.Time.GetUtcNow();
        using var body = await JsonBody.ReadAsync(context, errors);
        if (body is null || SleepRules.Parse(body.RootElement, now, errors) is not { } session)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var stored = await services.Sleep.InsertAsync(context.User.GetUserId(), session, now, context.RequestAborted);
        return TypedResults.Created($"{Prefix}?start_date={Uri.EscapeDataString(stored.StartTime.ToString("O"))}", stored);
    }

    /// <summary>Get sleep history</summary>
    public static async Task<Results<Ok<RecordPage<SleepSession>>, ValidationProblem>> ListAsync(HttpContext context, [AsParameters] RecordsServices services)
    {
        var userId = context.User.GetUserId();
        var errors = new FieldErrors();
        var zone = await services.Profiles.GetTimeZoneAsync(userId, context.RequestAborted);
        if (RecordQuery.Parse(context.Request.Query, zone, errors) is not { } query)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var (items, total) = await services.Sleep.ListAsync(userId, query, context.RequestAborted);
        return TypedResults.Ok(new RecordPage<SleepSession>(items, total, query.Limit, query.Offset));
    }
}
