using Microsoft.AspNetCore.Http.HttpResults;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.Tracking.Model.Profiles;
using VitaSense.Tracking.Model.Records;
using TrackingExtensions = VitaSense.Tracking.Extensions.Extensions;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Apis;

/// <summary><c>/api/v1/profile</c>: what the service needs to know about the caller (age, height, heart rate, time zone).</summary>
public static class ProfileApi
{
    /// <summary>Maps GET and PUT <c>/api/v1/profile</c>.</summary>
    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/profile").WithTags("Profile").RequireAuthorization(TrackingExtensions.UserPolicy);

        api.MapGet("", GetAsync)
            .WithName("GetProfile")
            .WithSummary("Get the caller's tracking profile")
            .WithDescription("Birth date, sex, height, resting and maximum heart rate and time zone; defaults (UTC, nothing known) until saved.")
            .Produces<ProfileView>();

        api.MapPut("", UpdateAsync)
            .WithName("UpdateProfile")
            .WithSummary("Update the caller's tracking profile")
            .WithDescription("""
                Changes the members the body names (null clears one): birth_date (yyyy-MM-dd), sex (female, male, other,
                unspecified), height_cm (40-275), resting_heart_rate and max_heart_rate (20-250 bpm, max above resting),
                time_zone (IANA, e.g. Europe/Paris; decides the user's days). 400 names every wrong field.
                """)
            .Produces<ProfileView>()
            .ProducesValidationProblem();
        return app;
    }

    /// <summary>Get the caller's tracking profile</summary>
    public static async Task<Ok<ProfileView>> GetAsync(HttpContext context, [AsParameters] RecordsServices services)
    {
        var profile = await services.Profiles.GetAsync(context.User.GetUserId(), context.RequestAborted);
        return TypedResults.Ok(ProfileView.From(profile, services.Time.GetUtcNow()));
    }

    /// <summary>Update the caller's tracking profile</summary>
    public static async Task<Results<Ok<ProfileView>, ValidationProblem>> UpdateAsync(HttpContext context, [AsParameters] RecordsServices services)
    {
        var errors = new FieldErrors();
        using var body = await JsonBody.ReadAsync(context, errors);
        var current = await services.Profiles.GetAsync(context.User.GetUserId(), context.RequestAborted);
        var now = services.Time.GetUtcNow();
        if (body is null || ProfileChanges.Apply(current, body.RootElement, DateOnly.FromDateTime(now.UtcDateTime), errors) is not { } changed)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var saved = await services.Profiles.SaveAsync(changed, now, context.RequestAborted);
        return TypedResults.Ok(ProfileView.From(saved, now));
    }
}
