using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.Tracking.Model.Activities;
using VitaSense.Tracking.Model.Records;
using TrackingExtensions = VitaSense.Tracking.Extensions.Extensions;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Apis;

/// <summary>
/// <c>/api/v1/activities</c>: the caller's activity sessions, posted by hand or synced from a device. Another user's
/// activity is 404 like one that does not exist.
/// </summary>
public static class ActivitiesApi
{
    /// <summary>The route prefix.</summary>
    public const string Prefix = "/api/v1/activities";

    /// <summary>Maps the activity endpoints.</summary>
    public static IEndpointRouteBuilder MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Activities").RequireAuthorization(TrackingExtensions.UserPolicy);

        api.MapPost("", CreateAsync)
            .WithName("CreateActivity")
            .WithSummary("Record a new activity session")
            .WithDescription($"""
                activity_type and start_time are required, with end_time or duration_minutes. Derived fields are computed when
                absent and must agree when given: duration_minutes with end_time − start_time (within a minute), pace_min_per_km
                with duration / distance. 400 names every wrong field: end before start, negative distance, calories, steps or
                elevation, sessions over {ActivityRules.MaxDuration.TotalDays:0} days, speeds over {ActivityRules.MaxFootSpeedKmh} km/h on foot,
                over {ActivityRules.MaxStepsPerMinute} steps a minute or {ActivityRules.MaxKcalPerHour} kcal an hour,
                heart_rate_data bpm outside {ActivityRules.MinBpm}-{ActivityRules.MaxBpm}, route coordinates out of range.
                """)
            .Accepts<Activity>("application/json")
            .Produces<Activity>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        api.MapGet("", ListAsync)
            .WithName("ListActivities")
            .WithSummary("Get user's activity history")
            .WithDescription($"""
                Newest first. Query: activity_type, start_date and end_date (inclusive; a date is a day of the profile's time zone,
                or an ISO 8601 instant), limit (1-{RecordQuery.MaxLimit}, default {RecordQuery.DefaultLimit}), offset.
                """)
            .Produces<RecordPage<Activity>>()
            .ProducesValidationProblem();

        api.MapGet("/{activity_id:guid}", GetAsync)
            .WithName("GetActivity")
            .WithSummary("Get specific activity details")
            .Produces<Activity>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/{activity_id:guid}", UpdateAsync)
            .WithName("UpdateActivity")
            .WithSummary("Update activity data")
            .WithDescription("Changes the members the body names (null clears one); derived fields are derived again and everything is checked as on create.")
            .Accepts<Activity>("application/json")
            .Produces<Activity>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{activity_id:guid}", DeleteAsync)
            .WithName("DeleteActivity")
            .WithSummary("Delete activity record")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Record a new activity session</summary>
    public static async Task<Results<Created<Activity>, ValidationProblem>> CreateAsync(HttpContext context, [AsParameters] RecordsServices services)
    {
        var errors = new FieldErrors();
        var now = services.Time.GetUtcNow();
        using var body = await JsonBody.ReadAsync(context, errors);
        if (body is null || ActivityRules.Parse(body.RootElement, now, errors) is not { } activity)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var stored = await services.Activities.InsertAsync(context.User.GetUserId(), activity, now, context.RequestAborted);
        return TypedResults.Created($"{Prefix}/{stored.Id}", stored);
    }

    /// <summary>Get user's activity history</summary>
    public static async Task<Results<Ok<RecordPage<Activity>>, ValidationProblem>> ListAsync(
        [FromQuery(Name = "activity_type")] string? activityType, HttpContext context, [AsParameters] RecordsServices services)
    {
        var userId = context.User.GetUserId();
        var errors = new FieldErrors();
        var zone = await services.Profiles.GetTimeZoneAsync(userId, context.RequestAborted);
        if (RecordQuery.Parse(context.Request.Query, zone, errors) is not { } query)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var type = string.IsNullOrWhiteSpace(activityType) ? null : activityType.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        var (items, total) = await services.Activities.ListAsync(userId, type, query, context.RequestAborted);
        return TypedResults.Ok(new RecordPage<Activity>(items, total, query.Limit, query.Offset));
    }

    /// <summary>Get specific activity details</summary>
    public static async Task<IResult> GetAsync([FromRoute(Name = "activity_id")] Guid id, HttpContext context, [AsParameters] RecordsServices services) =>
        await services.Activities.GetAsync(context.User.GetUserId(), id, context.RequestAborted) is { } activity
            ? TypedResults.Ok(activity)
            : RecordResults.NotFound("Activity", id);

    /// <summary>Update activity data</summary>
    public static async Task<IResult> UpdateAsync([FromRoute(Name = "activity_id")] Guid id, HttpContext context, [AsParameters] RecordsServices services)
    {
        var userId = context.User.GetUserId();
        if (await services.Activities.GetAsync(userId, id, context.RequestAborted) is not { } current)
        {
            return RecordResults.NotFound("Activity", id);
        }
        var errors = new FieldErrors();
        var now = services.Time.GetUtcNow();
        using var body = await JsonBody.ReadAsync(context, errors);
        if (body is null || ActivityRules.Merge(current, body.RootElement, now, errors) is not { } changed)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return await services.Activities.UpdateAsync(userId, changed with { Id = id }, now, context.RequestAborted) is { } stored
            ? TypedResults.Ok(stored)
            : RecordResults.NotFound("Activity", id);
    }

    /// <summary>Delete activity record</summary>
    public static async Task<IResult> DeleteAsync([FromRoute(Name = "activity_id")] Guid id, HttpContext context, [AsParameters] RecordsServices services) =>
        await services.Activities.DeleteAsync(context.User.GetUserId(), id, context.RequestAborted)
            ? TypedResults.NoContent()
            : RecordResults.NotFound("Activity", id);
}
