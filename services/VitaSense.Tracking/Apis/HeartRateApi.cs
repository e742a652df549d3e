using Microsoft.AspNetCore.Http.HttpResults;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.Tracking.Model.HeartRate;
using VitaSense.Tracking.Model.Records;
using TrackingExtensions = VitaSense.Tracking.Extensions.Extensions;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Apis;

/// <summary><c>/api/v1/heart-rate</c>: heart-rate samples with HRV and context, and Karvonen zones with time in zone.</summary>
public static class HeartRateApi
{
    /// <summary>The route prefix.</summary>
    public const string Prefix = "/api/v1/heart-rate";

    /// <summary>The zones' period when none is asked for.</summary>
    public static readonly TimeSpan DefaultZonePeriod = TimeSpan.FromDays(7);

    /// <summary>Maps the heart-rate endpoints.</summary>
    public static IEndpointRouteBuilder MapHeartRateApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Heart rate").RequireAuthorization(TrackingExtensions.UserPolicy);

        api.MapPost("", CreateAsync)
            .WithName("CreateHeartRate")
            .WithSummary("Record heart rate data")
            .WithDescription($"""
                timestamp and bpm ({HeartRateRules.MinBpm}-{HeartRateRules.MaxBpm}) are required; hrv_ms (up to {HeartRateRules.MaxHrvMs}),
                context (resting, active, exercise, sleep...) and device_id are optional. 400 names the field.
                """)
            .Accepts<HeartRateSample>("application/json")
            .Produces<HeartRateSample>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        api.MapGet("", ListAsync)
            .WithName("ListHeartRate")
            .WithSummary("Get heart rate history")
            .WithDescription($"Newest first. Query: start_date, end_date (inclusive), limit (1-{RecordQuery.MaxLimit}, default {RecordQuery.DefaultLimit}), offset.")
            .Produces<RecordPage<HeartRateSample>>()
            .ProducesValidationProblem();

        api.MapGet("/zones", ZonesAsync)
            .WithName("GetHeartRateZones")
            .WithSummary("Get heart rate zones analysis")
            .WithDescription("""
                Karvonen zones at 50/60/70/80/90/100 % of the reserve above resting. Resting: the profile's, else the 5th
                percentile of the last 30 days' samples, else 60. Maximum: the profile's, else 208 − 0.7 × age (Tanaka), else 190
                (with a note). Time in zone over start_date/end_date (default the last 7 days): each sample counts until the next,
                at most 5 minutes.
                """)
            .Produces<HeartRateZoneReport>()
            .ProducesValidationProblem();
        return app;
    }

    /// <summary>Record heart rate data</summary>
    public static async Task<Results<Created<HeartRateSample>, ValidationProblem>> CreateAsync(HttpContext context, [AsParameters] RecordsServices services)
    {
        var errors = new FieldErrors();
        var now = services.Time.GetUtcNow();
        using var body = await JsonBody.ReadAsync(context, errors);
        if (body is null || HeartRateRules.Parse(body.RootElement, now, errors) is not { } sample)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var stored = await services.HeartRate.InsertAsync(context.User.GetUserId(), sample, now, context.RequestAborted);
        return TypedResults.Created($"{Prefix}?start_date={Uri.EscapeDataString(stored.Timestamp.ToString("O"))}", stored);
    }

    /// <summary>Get heart rate history</summary>
    public static async Task<Results<Ok<RecordPage<HeartRateSample>>, ValidationProblem>> ListAsync(HttpContext context, [AsParameters] RecordsServices services)
    {
        var userId = context.User.GetUserId();
        var errors = new FieldErrors();
        var zone = await services.Profiles.GetTimeZoneAsync(userId, context.RequestAborted);
        if (RecordQuery.Parse(context.Request.Query, zone, errors) is not { } query)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var (items, total) = await services.HeartRate.ListAsync(userId, query, context.RequestAborted);
        return TypedResults.Ok(new RecordPage<HeartRateSample>(items, total, query.Limit, query.Offset));
    }

    /// <summary>Get heart rate zones analysis</summary>
    public static async Task<Results<Ok<HeartRateZoneReport>, ValidationProblem>> ZonesAsync(HttpContext context, [AsParameters] RecordsServices services)
    {
        var userId = context.User.GetUserId();
        var errors = new FieldErrors();
        var profile = await services.Profiles.GetAsync(userId, context.RequestAborted);
        var (from, to) = RecordQuery.ParseRange(context.Request.Query, profile.Zone(), errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var now = services.Time.GetUtcNow();
        var end = to ?? now;
        var start = from ?? end - DefaultZonePeriod;
        var measured = profile.RestingHeartRate is null ? await services.HeartRate.MeasuredRestingAsync(userId, now.AddDays(-30), context.RequestAborted) : null;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, profile.Zone()).DateTime);
        var (resting, restingSource, maximum, maximumSource, notes) = KarvonenZones.Inputs(profile, measured, today);
        var bounds = KarvonenZones.Bounds(resting, maximum);
        var buckets = await services.HeartRate.TimeInBucketsAsync(userId, start, end, bounds, context.RequestAborted);

        var zones = new List<HeartRateZone>();
        for (var zone = 1; zone <= KarvonenZones.Names.Count; zone++)
        {
            var (samples, seconds) = buckets.GetValueOrDefault(zone);
            if (zone == KarvonenZones.Names.Count)
            {
                // At or above the maximum still counts as the top zone.
                var (overSamples, overSeconds) = buckets.GetValueOrDefault(zone + 1);
                (samples, seconds) = (samples + overSamples, seconds + overSeconds);
            }
            zones.Add(new HeartRateZone(zone, KarvonenZones.Names[zone - 1], KarvonenZones.Percents[zone - 1], KarvonenZones.Percents[zone],
                bounds[zone - 1], bounds[zone], Math.Round(seconds / 60, 2), samples));
        }
        var below = buckets.GetValueOrDefault(0);
        return TypedResults.Ok(new HeartRateZoneReport
        {
            RestingHeartRate = resting,
            RestingHeartRateSource = restingSource,
            MaxHeartRate = maximum,
            MaxHeartRateSource = maximumSource,
            HeartRateReserve = Math.Round(maximum - resting, 1),
            Start = start,
            End = end,
            Zones = zones,
            BelowZonesMinutes = Math.Round(below.Seconds / 60, 2),
            TotalMinutes = Math.Round(buckets.Values.Sum(b => b.Seconds) / 60, 2),
            Samples = buckets.Values.Sum(b => b.Samples),
            Notes = notes,
        });
    }
}
