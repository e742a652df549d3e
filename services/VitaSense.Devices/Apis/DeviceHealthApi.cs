using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VitaSense.Devices.Model;
using VitaSense.ServiceDefaults.Authentication;
using DevicesExtensions = VitaSense.Devices.Extensions.Extensions;

namespace VitaSense.Devices.Apis;

/// <summary>
/// Device health: <c>/api/v1/devices/{device_id}/health</c> and <c>/api/v1/devices/health/summary</c>. Status is
/// computed at request time from the last report and the clock, so a silent device turns offline on its own.
/// </summary>
public static class DeviceHealthApi
{
    /// <summary>Maps the health endpoints (called by <see cref="DevicesApi.MapDevicesApi"/>).</summary>
    public static IEndpointRouteBuilder MapDeviceHealthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(DevicesApi.Prefix).WithTags("Device health").RequireAuthorization(DevicesExtensions.UserPolicy);

        api.MapGet("/health/summary", GetSummaryAsync)
            .WithName("GetDeviceHealthSummary")
            .WithSummary("Get health summary for all devices")
            .WithDescription("Counts of the caller's registered devices by health status (online, offline, unknown) and each device's health.")
            .Produces<DeviceHealthSummary>();

        api.MapGet("/{device_id}/health", GetHealthAsync)
            .WithName("GetDeviceHealth")
            .WithSummary("Get device health status")
            .WithDescription("""
                status: online, offline (reported offline, or nothing arrived for longer than 2 sync intervals, at least 10 minutes)
                or unknown (nothing ever arrived). warnings: low_battery, poor_signal, not_reporting and anomalies; errors: sync_failed
                and critical anomalies.
                """)
            .Produces<DeviceHealthView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Get device health status</summary>
    public static async Task<Results<Ok<DeviceHealthView>, ProblemHttpResult>> GetHealthAsync(
        [FromRoute(Name = "device_id")] string deviceId, HttpContext context, [AsParameters] DevicesServices services)
    {
        return Guid.TryParse(deviceId, out var id) && await services.Lookup.FindAsync(context.User.GetUserId(), id, context.RequestAborted) is { } snapshot
            ? TypedResults.Ok(services.Health.Evaluate(snapshot))
            : DevicesApi.NotFound(deviceId);
    }

    /// <summary>Get health summary for all devices</summary>
    public static async Task<Ok<DeviceHealthSummary>> GetSummaryAsync(HttpContext context, [AsParameters] DevicesServices services)
    {
        var snapshots = await services.Lookup.ForUserAsync(context.User.GetUserId(), context.RequestAborted);
        return TypedResults.Ok(services.Health.Summarize(snapshots));
    }
}
