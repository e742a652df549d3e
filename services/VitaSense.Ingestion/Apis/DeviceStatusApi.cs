using System.Threading.Channels;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Model;
using VitaSense.Ingestion.Services;

namespace VitaSense.Ingestion.Apis;

/// <summary>The device-status API of the specification: <c>POST /status</c>, latest, summary and history.</summary>
public static class DeviceStatusApi
{
    /// <summary>The rate-limit policy of <c>/status</c>.</summary>
    public const string RateLimitPolicy = "device-status";

    /// <summary>Authorization policy of <c>/status</c> when authentication is on: a user (API key or token) with a <c>sub</c>.</summary>
    public const string AuthorizationPolicy = "device-status";

    /// <summary>Default number of history records.</summary>
    public const int DefaultHistoryLimit = 50;

    /// <summary>Most history records per request.</summary>
    public const int MaxHistoryLimit = 1000;

    /// <summary>Maps <c>/status</c>; whether it needs authentication is read from <see cref="DeviceStatusOptions"/>.</summary>
    public static IEndpointRouteBuilder MapDeviceStatusApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<DeviceStatusOptions>>().Value;
        var api = app.MapGroup("/status")
            .WithTags("Device status")
            .RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(new InvalidApiKeyChallengeMetadata());
        if (options.RequireAuthentication)
        {
            api.RequireAuthorization(AuthorizationPolicy);
        }

        api.MapPost("", PostStatusAsync)
            .WithName("PostDeviceStatus")
            .WithSummary("Submit a device status update")
            .WithDescription("Validates and stores one status report; 200 only after it is durably committed. Re-sending the same device_id and timestamp is accepted and stored once.")
            .Accepts<DeviceStatusRequest>("application/json")
            .Produces<FieldValidationProblem>(StatusCodes.Status400BadRequest, FieldValidationProblem.ContentType)
            .Produces<FieldValidationProblem>(StatusCodes.Status422UnprocessableEntity, FieldValidationProblem.ContentType)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/summary", GetSummaryAsync)
            .WithName("GetDeviceStatusSummary")
            .WithSummary("Latest status of every device of the caller, with online/offline counts");
        api.MapGet("/{device_id}", GetLatestAsync)
            .WithName("GetDeviceStatus")
            .WithSummary("Latest status of one device");
        api.MapGet("/{device_id}/history", GetHistoryAsync)
            .WithName("GetDeviceStatusHistory")
            .WithSummary("Past status reports of one device, newest first")
            .WithDescription("Query: limit (default 50, at most 1000), since (ISO 8601 with offset; reports at or after it).")
            .Produces<FieldValidationProblem>(StatusCodes.Status400BadRequest, FieldValidationProblem.ContentType);
        return app;
    }

    /// <summary>Submit a device status update</summary>
    /// <remarks>Validates the body, queues it for the group-commit writer and answers once it is committed.</remarks>
    public static async Task<Results<Ok<StatusAccepted>, JsonHttpResult<FieldValidationProblem>, ProblemHttpResult>> PostStatusAsync(
        HttpContext context, [AsParameters] DeviceStatusServices services)
    {
        var options = services.Options.Value;
        var body = await BoundedBody.ReadAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Payload too large",
                detail: $"The request body exceeds {options.MaxRequestBodyBytes} bytes.");
        }

        var parsed = DeviceStatusParser.Parse(body, services.Time.GetUtcNow(), TimeSpan.FromSeconds(options.MaxFutureSkewSeconds));
        if (parsed.Report is not { } report)
        {
            return Invalid(parsed.Errors);
        }

        var caller = Caller.From(context.User);
        if (!caller.MayAccess(report.DeviceId))
        {
            return Forbidden(report.DeviceId);
        }
        services.Usage.Record(caller.ApiKeyId);

        try
        {
            await services.Queue.WriteAsync(new DeviceStatusUpdate(caller.UserId, report), context.RequestAborted);
        }
        catch (Exception ex) when (ex is DeviceStatusWriteException or ChannelClosedException)
        {
            context.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Storage unavailable",
                detail: "The update could not be stored and was not accepted; send it again.");
        }
        return TypedResults.Ok(new StatusAccepted(report.DeviceId));
    }

    /// <summary>Latest status of one device</summary>
    /// <remarks>Served from Redis; on a miss from PostgreSQL, and the cache is filled.</remarks>
    public static async Task<Results<Ok<DeviceStatusView>, ProblemHttpResult>> GetLatestAsync(
        [FromRoute(Name = "device_id")] string deviceId, HttpContext context, [AsParameters] DeviceStatusServices services)
    {
        var caller = Caller.From(context.User);
        if (!caller.MayAccess(deviceId))
        {
            return Forbidden(deviceId);
        }
        services.Usage.Record(caller.ApiKeyId);

        if (await services.Cache.GetAsync(caller.UserId, deviceId) is { } cached)
        {
            return TypedResults.Ok(cached);
        }
        var status = await services.Store.FindLatestAsync(caller.UserId, deviceId, context.RequestAborted);
        if (status is null)
        {
            return NotFound(deviceId);
        }
        await services.Cache.SetAsync([new LatestStatus(caller.UserId, status)]);
        return TypedResults.Ok(status);
    }

    /// <summary>Latest status of every device of the caller, with online/offline counts</summary>
    /// <remarks>A device-scoped API key sees only its device.</remarks>
    public static async Task<Ok<StatusSummary>> GetSummaryAsync(HttpContext context, [AsParameters] DeviceStatusServices services)
    {
        var caller = Caller.From(context.User);
        services.Usage.Record(caller.ApiKeyId);
        var devices = await services.Store.SummaryAsync(caller.UserId, caller.DeviceScope, context.RequestAborted);
        return TypedResults.Ok(new StatusSummary(devices));
    }

    /// <summary>Past status reports of one device, newest first</summary>
    /// <remarks>Query: <c>limit</c> (default 50, at most 1000), <c>since</c> (ISO 8601 with offset; reports at or after it).</remarks>
    public static async Task<Results<Ok<StatusHistory>, JsonHttpResult<FieldValidationProblem>, ProblemHttpResult>> GetHistoryAsync(
        [FromRoute(Name = "device_id")] string deviceId, HttpContext context, [AsParameters] DeviceStatusServices services)
    {
        var caller = Caller.From(context.User);
        if (!caller.MayAccess(deviceId))
        {
            return Forbidden(deviceId);
        }

        var errors = new List<FieldError>();
        var limit = DefaultHistoryLimit;
        if (context.Request.Query["limit"] is { Count: > 0 } limitText)
        {
            if (!int.TryParse(limitText[0], out limit))
            {
                errors.Add(new FieldError(["query", "limit"], "value is not a valid integer", "type_error.integer"));
            }
            else if (limit < 1)
            {
                errors.Add(new FieldError(["query", "limit"], "ensure this value is greater than or equal to 1", "value_error.number.not_ge",
                    new Dictionary<string, object> { ["limit_value"] = 1 }));
            }
            else if (limit > MaxHistoryLimit)
            {
                errors.Add(new FieldError(["query", "limit"], $"ensure this value is less than or equal to {MaxHistoryLimit}", "value_error.number.not_le",
                    new Dictionary<string, object> { ["limit_value"] = MaxHistoryLimit }));
            }
        }

        DateTimeOffset? since = null;
        if (context.Request.Query["since"] is { Count: > 0 } sinceText)
        {
            // An unencoded '+' in a query string arrives as a space.
            switch (IsoTimestamp.TryParse(sinceText[0]!.Replace(' ', '+'), out var value))
            {
                case IsoTimestamp.Outcome.Valid:
                    since = value;
                    break;
                case IsoTimestamp.Outcome.MissingOffset:
                    errors.Add(new FieldError(["query", "since"], "since must include a UTC offset, such as Z or +02:00", "value_error.datetime.offset_missing"));
                    break;
                default:
                    errors.Add(new FieldError(["query", "since"], "invalid datetime format: expected ISO 8601 with a UTC offset", "value_error.datetime"));
                    break;
            }
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        services.Usage.Record(caller.ApiKeyId);
        var history = await services.Store.HistoryAsync(caller.UserId, deviceId, limit, since, context.RequestAborted);
        return history is { } found
            ? TypedResults.Ok(new StatusHistory(deviceId, found.Entries, found.HasMore))
            : NotFound(deviceId);
    }

    private static JsonHttpResult<FieldValidationProblem> Invalid(IReadOnlyList<FieldError> errors)
    {
        var problem = FieldValidationProblem.For(errors);
        return TypedResults.Json(problem, contentType: FieldValidationProblem.ContentType, statusCode: problem.Status);
    }

    // The specification's body is {"detail": "Device <id> not found"}; as ProblemDetails it keeps that member.
    private static ProblemHttpResult NotFound(string deviceId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Device {deviceId} not found");

    private static ProblemHttpResult Forbidden(string deviceId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: $"This API key is limited to another device than {deviceId}.");
}
