using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.Tracking.Infrastructure;
using VitaSense.Tracking.Model.Analytics;
using VitaSense.Tracking.Model.Goals;
using VitaSense.Tracking.Model.Records;
using VitaSense.Tracking.Services.Goals;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Apis;

/// <summary>
/// <c>/api/v1/goals</c>: a user's daily, weekly and monthly goals and their progress computed from their records.
/// Another user's goal is answered 404 like a missing one.
/// </summary>
public static class GoalsApi
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    /// <summary>Maps the goal endpoints.</summary>
    public static IEndpointRouteBuilder MapGoalsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/goals").WithTags("Goals").RequireAuthorization(Extensions.Extensions.UserPolicy);

        api.MapPost("", CreateAsync)
            .WithName("CreateGoal")
            .WithSummary("Create a new health goal")
            .WithDescription("""
                Body: goal_type (steps, distance, active_minutes, calories, sleep_hours, weight, resting_heart_rate, workouts or any
                metric type), target_value (> 0), target_date (YYYY-MM-DD, not before today in the user's time zone), frequency
                (daily, weekly, monthly), optional direction (at_least, at_most; by default at_most for weight and resting heart
                rate), description, category. 400 names every invalid field.
                """)
            .Accepts<Goal>("application/json")
            .Produces<Goal>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        api.MapGet("", ListAsync)
            .WithName("ListGoals")
            .WithSummary("Get user's goals")
            .WithDescription($"Newest first. Query: is_active (true/false), limit (default {DefaultLimit}, at most {MaxLimit}), offset.")
            .Produces<RecordPage<Goal>>()
            .ProducesValidationProblem();

        api.MapGet("/{goal_id}", GetAsync)
            .WithName("GetGoal")
            .WithSummary("Get specific goal details")
            .Produces<Goal>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/{goal_id}", UpdateAsync)
            .WithName("UpdateGoal")
            .WithSummary("Update goal")
            .WithDescription("Any of the creation fields, plus is_active; fields left out keep their value.")
            .Accepts<Goal>("application/json")
            .Produces<Goal>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{goal_id}", DeleteAsync)
            .WithName("DeleteGoal")
            .WithSummary("Delete goal")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{goal_id}/progress", ProgressAsync)
            .WithName("GetGoalProgress")
            .WithSummary("Get goal progress tracking")
            .WithDescription($"""
                Progress from the user's records in their local days, ISO weeks (Monday first) or months: the current period's value
                and percent, the last `periods` periods (default {GoalProgressCalculator.DefaultPeriods}, at most
                {GoalProgressCalculator.MaxPeriods}), the streak, milestones. A period reached is recorded once and published as a
                GoalAchieved event.
                """)
            .Produces<GoalProgress>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Create a new health goal.</summary>
    public static async Task<Results<Created<Goal>, ValidationProblem>> CreateAsync(HttpContext context, GoalStore store, InsightsProfileStore profiles, TimeProvider timeProvider)
    {
        var userId = context.User.GetUserId();
        var errors = new FieldErrors();
        using var body = await JsonBody.ReadAsync(context, errors);
        if (body is null)
        {
            return errors.ToProblem();
        }
        var profile = await profiles.GetAsync(userId, context.RequestAborted);
        var now = timeProvider.GetUtcNow();
        var goal = GoalInput.Read(body.RootElement, null, userId, profile.LocalDate(now), now, errors);
        if (goal is null)
        {
            return errors.ToProblem();
        }
        await store.CreateAsync(goal, context.RequestAborted);
        return TypedResults.Created($"/api/v1/goals/{goal.GoalId}", goal);
    }

    /// <summary>Get user's goals.</summary>
    public static async Task<Results<Ok<RecordPage<Goal>>, ValidationProblem>> ListAsync(HttpContext context, GoalStore store)
    {
        var query = new QueryReader(context.Request.Query, new FieldErrors());
        var isActive = query.Bool("is_active");
        var limit = query.Int("limit", DefaultLimit, 1, MaxLimit);
        var offset = query.Int("offset", 0, 0, int.MaxValue);
        if (query.Errors.Any)
        {
            return query.Errors.ToProblem();
        }
        return TypedResults.Ok(await store.ListAsync(context.User.GetUserId(), isActive, limit, offset, context.RequestAborted));
    }

    /// <summary>Get specific goal details.</summary>
    public static async Task<Results<Ok<Goal>, ProblemHttpResult>> GetAsync([FromRoute(Name = "goal_id")] string goalId, HttpContext context, GoalStore store) =>
        await FindAsync(goalId, context, store) is { } goal ? TypedResults.Ok(goal) : NotFound(goalId);

    /// <summary>Update goal.</summary>
    public static async Task<Results<Ok<Goal>, ValidationProblem, ProblemHttpResult>> UpdateAsync([FromRoute(Name = "goal_id")] string goalId, HttpContext context,
        GoalStore store, InsightsProfileStore profiles, TimeProvider timeProvider)
    {
        if (await FindAsync(goalId, context, store) is not { } existing)
        {
            return NotFound(goalId);
        }
        var errors = new FieldErrors();
        using var body = await JsonBody.ReadAsync(context, errors);
        if (body is null)
        {
            return errors.ToProblem();
        }
        var profile = await profiles.GetAsync(existing.UserId, context.RequestAborted);
        var now = timeProvider.GetUtcNow();
        var goal = GoalInput.Read(body.RootElement, existing, existing.UserId, profile.LocalDate(now), now, errors);
        if (goal is null)
        {
            return errors.ToProblem();
        }
        return await store.UpdateAsync(goal, context.RequestAborted) ? TypedResults.Ok(goal) : NotFound(goalId);
    }

    /// <summary>Delete goal.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync([FromRoute(Name = "goal_id")] string goalId, HttpContext context, GoalStore store) =>
        Guid.TryParse(goalId, out var id) && await store.DeleteAsync(context.User.GetUserId(), id, context.RequestAborted)
            ? TypedResults.NoContent()
            : NotFound(goalId);

    /// <summary>Get goal progress tracking.</summary>
    public static async Task<Results<Ok<GoalProgress>, ValidationProblem, ProblemHttpResult>> ProgressAsync([FromRoute(Name = "goal_id")] string goalId, HttpContext context,
        GoalStore store, GoalProgressService progress)
    {
        var query = new QueryReader(context.Request.Query, new FieldErrors());
        var periods = query.Int("periods", GoalProgressCalculator.DefaultPeriods, 1, GoalProgressCalculator.MaxPeriods);
        if (query.Errors.Any)
        {
            return query.Errors.ToProblem();
        }
        if (await FindAsync(goalId, context, store) is not { } goal)
        {
            return NotFound(goalId);
        }
        return TypedResults.Ok(await progress.EvaluateAsync(goal, periods, context.RequestAborted));
    }

    private static async Task<Goal?> FindAsync(string goalId, HttpContext context, GoalStore store) =>
        Guid.TryParse(goalId, out var id) ? await store.GetAsync(context.User.GetUserId(), id, context.RequestAborted) : null;

    private static ProblemHttpResult NotFound(string goalId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Goal {goalId} not found");
}
