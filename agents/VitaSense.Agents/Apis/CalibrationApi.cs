using Microsoft.AspNetCore.Http.HttpResults;
using VitaSense.Agents.Calibration;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.Agents.Apis;

/// <summary>The caller's calibration factors and history per device; a caller only ever sees their own devices.</summary>
public static class CalibrationApi
{
    private const int MaxDeviceIdLength = 256;
    private const int HistoryLimit = 100;

    /// <summary>Maps <c>POST /agents/calibrate/{device_id}</c> and <c>GET /data/calibration/{device_id}</c> (authenticated).</summary>
    public static IEndpointRouteBuilder MapCalibrationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/agents/calibrate/{device_id}", CalibrateAsync)
            .WithTags("Agents")
            .WithName("CalibrateDevice")
            .WithSummary("The device's current correction factors and calibration status per metric, with a recommendation")
            .RequireAuthorization();

        app.MapGet("/data/calibration/{device_id}", GetCalibrationAsync)
            .WithTags("Data")
            .WithName("GetDeviceCalibration")
            .WithSummary("The device's current correction factors and its calibration history, newest first")
            .RequireAuthorization();

        return app;
    }

    /// <summary>The caller's factors for the device; 404 when none were learned.</summary>
    public static async Task<Results<Ok<DeviceCalibrationResponse>, ProblemHttpResult, ValidationProblem>> CalibrateAsync(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "device_id")] string deviceId, HttpContext context, CalibrationStore store) =>
        await GetAsync(deviceId, context, store, withHistory: false);

    /// <summary>The caller's factors and history for the device; 404 when none were learned.</summary>
    public static async Task<Results<Ok<DeviceCalibrationResponse>, ProblemHttpResult, ValidationProblem>> GetCalibrationAsync(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "device_id")] string deviceId, HttpContext context, CalibrationStore store) =>
        await GetAsync(deviceId, context, store, withHistory: true);

    private static async Task<Results<Ok<DeviceCalibrationResponse>, ProblemHttpResult, ValidationProblem>> GetAsync(
        string deviceId, HttpContext context, CalibrationStore store, bool withHistory)
    {
        if (string.IsNullOrWhiteSpace(deviceId) || deviceId.Length > MaxDeviceIdLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["device_id"] = [$"The device id must be 1 to {MaxDeviceIdLength} characters."],
            });
        }

        var userId = context.User.GetUserId();
        var factors = await store.GetFactorsAsync(userId, deviceId, context.RequestAborted);
        if (factors.Count == 0)
        {
            // The same answer for another user's device as for an unknown one: nothing is revealed.
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"No calibration was learned for device {deviceId}: it needs readings of a metric another of your devices measures too.");
        }
        var history = withHistory ? await store.GetHistoryAsync(userId, deviceId, HistoryLimit, context.RequestAborted) : null;
        return TypedResults.Ok(new DeviceCalibrationResponse(deviceId, factors, history));
    }
}
