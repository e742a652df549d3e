using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Model;
using VitaSense.Ingestion.Model.DeviceData;
using VitaSense.Ingestion.Model.Sync;
using VitaSense.Ingestion.Services;

namespace VitaSense.Ingestion.Apis;

/// <summary>
/// The specification's device data collection: <c>/api/v1/devices/{device_id}/data</c> to upload, read, read the
/// latest of, and delete a device's readings. Every endpoint is owner-checked against the device → owner map kept
/// from lifecycle events: a device that is unknown, unregistered, another user's, or outside the API key's device
/// scope is answered 404 alike, so nobody learns whether someone else's device exists.
/// </summary>
public static class DeviceDataApi
{
    /// <summary>Longest device id looked up; longer ids cannot be registered and are answered 404 at once.</summary>
    public const int MaxDeviceIdLength = 200;

    private const string Resource = "device_data";

    /// <summary>The rate-limit policy of every device data endpoint (<see cref="DeviceDataOptions.RequestsPerMinute"/>).</summary>
    public const string RateLimitPolicy = "device-data";

    /// <summary>Maps <c>/api/v1/devices/{device_id}/data</c>.</summary>
    public static IEndpointRouteBuilder MapDeviceDataApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/devices/{device_id}/data")
            .WithTags("Device data")
            .RequireAuthorization(DeviceStatusApi.AuthorizationPolicy)
            .RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(new InvalidApiKeyChallengeMetadata())
            .AddEndpointFilter(AdmitOwnerAsync);

        api.MapPost("", UploadAsync)
            .WithName("UploadDeviceData")
            .WithSummary("Upload device data")
            .WithDescription("""
                Stores readings of one data type from a device registered to the caller. Values are converted to the metric's
                canonical unit (the original is kept) and checked one by one: 200 when all were stored or already present,
                207 when some were rejected (see errors: index in values, field, reason), 422 when all were. 400 names a
                missing or malformed field of the envelope; 413 beyond DeviceData:MaxRequestBodyBytes. Timestamps are
                ISO 8601 with an offset. Safe to repeat: a re-sent reading counts as a duplicate.
                """)
            .Accepts<DeviceDataUpload>("application/json")
            .Produces<DeviceDataUploadResult>()
            .Produces<DeviceDataUploadResult>(StatusCodes.Status207MultiStatus)
            .Produces<DeviceDataUploadResult>(StatusCodes.Status422UnprocessableEntity)
            .Produces<FieldValidationProblem>(StatusCodes.Status400BadRequest, FieldValidationProblem.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("", GetAsync)
            .WithName("GetDeviceData")
            .WithSummary("Get device data")
            .WithDescription($"""
                The device's readings, newest first. Query: data_type, start_time and end_time (inclusive, ISO 8601 with an
                offset), limit (default {DeviceDataQuery.DefaultLimit}, at most {DeviceDataQuery.MaxLimit}).
                """)
            .Produces<DeviceDataPage>()
            .Produces<FieldValidationProblem>(StatusCodes.Status400BadRequest, FieldValidationProblem.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/latest", GetLatestAsync)
            .WithName("GetLatestDeviceData")
            .WithSummary("Get latest data from device")
            .WithDescription("The newest reading of each data type of the device (of data_type only, when given).")
            .Produces<DeviceDataPage>()
            .Produces<FieldValidationProblem>(StatusCodes.Status400BadRequest, FieldValidationProblem.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("", DeleteAsync)
            .WithName("DeleteDeviceData")
            .WithSummary("Delete device data")
            .WithDescription("""
                Deletes the device's readings (of data_type, between start_time and end_time, when given) in one transaction and
                records it in the audit log. Also allowed to the device's last owner after it was unregistered, so its data can be
                purged then.
                """)
            .Produces<DeviceDataDeleted>()
            .Produces<FieldValidationProblem>(StatusCodes.Status400BadRequest, FieldValidationProblem.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Upload device data</summary>
    public static async Task<IResult> UploadAsync([FromRoute(Name = "device_id")] string deviceId, HttpContext context, [AsParameters] DeviceDataServices services)
    {
        var caller = Caller.From(context.User);

        var maxBytes = services.Options.Value.MaxRequestBodyBytes;
        var body = await BoundedBody.ReadAsync(context.Request, maxBytes, context.RequestAborted);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
                detail: $"The request body exceeds {maxBytes} bytes (DeviceData:MaxRequestBodyBytes); split the readings over several uploads.");
        }

        try
        {
            var outcome = await services.Ingestor.IngestAsync(caller, deviceId, body, context.Request.ContentType, context.RequestAborted);
            return outcome.Result switch
            {
                null => Invalid(outcome.Errors),
                { Status: IngestionSummary.Accepted } result => TypedResults.Ok(result),
                { Status: IngestionSummary.Partial } result => TypedResults.Json(result, statusCode: StatusCodes.Status207MultiStatus),
                var result => TypedResults.UnprocessableEntity(result),
            };
        }
        catch (NpgsqlException)
        {
            return Unavailable();
        }
    }

    /// <summary>Get device data</summary>
    public static async Task<IResult> GetAsync([FromRoute(Name = "device_id")] string deviceId, HttpContext context, [AsParameters] DeviceDataServices services)
    {
        var caller = Caller.From(context.User);
        var errors = new List<FieldError>();
        var query = DeviceDataQuery.Parse(context.Request.Query, withLimit: true, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var readings = await services.Store.ReadAsync(caller.UserId, deviceId, query, context.RequestAborted);
        return TypedResults.Ok(new DeviceDataPage(deviceId, readings, readings.Count));
    }

    /// <summary>Get latest data from device</summary>
    public static async Task<IResult> GetLatestAsync([FromRoute(Name = "device_id")] string deviceId, HttpContext context, [AsParameters] DeviceDataServices services)
    {
        var caller = Caller.From(context.User);
        var errors = new List<FieldError>();
        var query = DeviceDataQuery.Parse(context.Request.Query, withLimit: false, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var readings = await services.Store.LatestAsync(caller.UserId, deviceId, query.DataType, context.RequestAborted);
        return TypedResults.Ok(new DeviceDataPage(deviceId, readings, readings.Count));
    }

    /// <summary>Delete device data</summary>
    public static async Task<IResult> DeleteAsync([FromRoute(Name = "device_id")] string deviceId, HttpContext context, [AsParameters] DeviceDataServices services)
    {
        var caller = Caller.From(context.User);
        var errors = new List<FieldError>();
        var query = DeviceDataQuery.Parse(context.Request.Query, withLimit: false, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        try
        {
            var deleted = await services.Store.DeleteAsync(caller.UserId, deviceId, query, context.RequestAborted);
            var details = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["device_id"] = deviceId,
                ["data_type"] = query.DataType,
                ["start_time"] = query.Start,
                ["end_time"] = query.End,
                ["deleted"] = deleted,
            });
            // The deletion itself must not be lost to a client that hangs up: the audit entry is written regardless.
            await services.RawStore.AuditAsync(caller.UserId, caller.ApiKeyId, "delete", Resource, null, details, CancellationToken.None);
            return TypedResults.Ok(new DeviceDataDeleted(deviceId, deleted));
        }
        catch (NpgsqlException)
        {
            return Unavailable();
        }
    }

    // Every endpoint of the group: the device must be the caller's (and within an API key's device scope) before
    // anything else is read, so an unknown device and someone else's look the same.
    private static async ValueTask<object?> AdmitOwnerAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var deviceId = context.GetRouteValue("device_id") as string ?? "";
        var caller = Caller.From(context.User);
        var owners = context.RequestServices.GetRequiredService<DeviceOwnerStore>();
        var admitted = deviceId.Length <= MaxDeviceIdLength
            && await owners.FindAsync(deviceId, context.RequestAborted) is { } owner
            && owner.Admits(caller, deleting: HttpMethods.IsDelete(context.Request.Method));
        if (!admitted)
        {
            return NotFound(deviceId);
        }
        context.RequestServices.GetRequiredService<ApiKeyUsageRecorder>().Record(caller.ApiKeyId);
        return await next(invocation);
    }

    // Missing and wrong fields alike are a 400 here: the envelope is not an upload.
    private static JsonHttpResult<FieldValidationProblem> Invalid(IReadOnlyList<FieldError> errors) =>
        TypedResults.Json(new FieldValidationProblem(StatusCodes.Status400BadRequest, errors),
            contentType: FieldValidationProblem.ContentType, statusCode: StatusCodes.Status400BadRequest);

    private static ProblemHttpResult NotFound(string deviceId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Device {deviceId} not found");

    private static ProblemHttpResult Unavailable() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Storage unavailable",
        detail: "The request could not be completed; retry later. A re-sent upload's stored readings count as duplicates.");
}
