using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;
using VitaSense.Agents.Insights;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.Agents.Apis;

/// <summary>The caller's anomalies, quality issues and live processed readings per device; never another user's.</summary>
public static class DataApi
{
    /// <summary>Rows returned when no limit is asked for.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The most rows one request returns.</summary>
    public const int MaxLimit = 500;

    private const int MaxDeviceIdLength = 256;

    /// <summary>Maps <c>/data/anomalies</c>, <c>/data/quality</c> and <c>/data/stream</c> (authenticated).</summary>
    public static RouteGroupBuilder MapDataApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/data").WithTags("Data").RequireAuthorization();

        api.MapGet("/anomalies/{device_id}", GetAnomaliesAsync)
            .WithName("GetDeviceAnomalies")
            .WithSummary("The device's anomalies, newest first");

        api.MapGet("/quality/{device_id}", GetQualityIssuesAsync)
            .WithName("GetDeviceQualityIssues")
            .WithSummary("Data quality issues of the device (by device id or source name), newest first");

        api.MapGet("/stream/{device_id}", StreamAsync)
            .WithName("StreamDeviceData")
            .WithSummary("Server-sent events of the device's processed readings as they are processed (one event per batch)");

        return api;
    }

    /// <summary>The caller's anomalies of the device; empty for an unknown device or another user's.</summary>
    public static async Task<Results<Ok<IReadOnlyList<AnomalyRecord>>, ValidationProblem>> GetAnomaliesAsync(
        [FromRoute(Name = "device_id")] string deviceId, int? limit, HttpContext context, InsightsStore store)
    {
        if (Validate(deviceId, limit) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(await store.GetAnomaliesAsync(context.User.GetUserId(), deviceId, limit ?? DefaultLimit, context.RequestAborted));
    }

    /// <summary>The caller's quality issues of the device; empty for an unknown device or another user's.</summary>
    public static async Task<Results<Ok<IReadOnlyList<QualityIssueRecord>>, ValidationProblem>> GetQualityIssuesAsync(
        [FromRoute(Name = "device_id")] string deviceId, int? limit, HttpContext context, InsightsStore store)
    {
        if (Validate(deviceId, limit) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(await store.GetQualityIssuesAsync(context.User.GetUserId(), deviceId, limit ?? DefaultLimit, context.RequestAborted));
    }

    /// <summary>
    /// Streams the caller's device: first a <c>ready</c> event once subscribed, then a <c>processed</c> event per batch
    /// (JSON of <see cref="StreamedBatch"/>). Another user's device streams nothing: its channel is the caller's own.
    /// </summary>
    public static async Task<Results<ServerSentEventsResult<string>, ValidationProblem, ProblemHttpResult>> StreamAsync(
        [FromRoute(Name = "device_id")] string deviceId, HttpContext context, ProcessedStreamHub hub)
    {
        if (Validate(deviceId, limit: null) is { } problem)
        {
            return problem;
        }
        IAsyncEnumerable<string> messages;
        try
        {
            messages = await hub.SubscribeAsync(context.User.GetUserId(), deviceId, context.RequestAborted);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Stream unavailable",
                detail: "The live stream cannot be reached right now; try again shortly.");
        }
        return TypedResults.ServerSentEvents(Events(messages));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(IAsyncEnumerable<string> messages)
    {
        // Tells the client the subscription is live: what is processed from now on reaches it.
        yield return new SseItem<string>("{}", "ready");
        await foreach (var message in messages)
        {
            yield return new SseItem<string>(message, "processed");
        }
    }

    private static ValidationProblem? Validate(string deviceId, int? limit)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(deviceId) || deviceId.Length > MaxDeviceIdLength)
        {
            errors["device_id"] = [$"The device id must be 1 to {MaxDeviceIdLength} characters."];
        }
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"The limit must be 1 to {MaxLimit}."];
        }
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }
}
