using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VitaSense.Devices.Infrastructure;
using VitaSense.Devices.Model;
using VitaSense.Devices.Services.Sync;
using VitaSense.ServiceDefaults.Authentication;
using DevicesExtensions = VitaSense.Devices.Extensions.Extensions;

namespace VitaSense.Devices.Apis;

/// <summary>
/// Device synchronisation: <c>POST /api/v1/devices/{device_id}/sync</c>, <c>/api/v1/sync/status</c>, <c>/bulk</c>,
/// <c>/history</c>, <c>/retry/{sync_id}</c>, and <c>GET /api/v1/analytics/sync-performance</c>. A sync is created
/// pending and run in the background (202 with its id); a device has at most one pending or running sync, across
/// replicas. Every device and sync is the caller's or answered 404.
/// </summary>
public static class SyncApi
{
    /// <summary>Default page size of the history.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Largest page of the history.</summary>
    public const int MaxLimit = 500;

    /// <summary>Maps the sync endpoints (called by <see cref="IntegrationsApi.MapIntegrationsApi"/>).</summary>
    public static IEndpointRouteBuilder MapSyncApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/devices/{device_id}/sync", SyncDeviceAsync)
            .WithTags("Sync")
            .WithName("SyncDevice")
            .WithSummary("Manually trigger device synchronization")
            .WithDescription("202 with the sync id; 404 for a device that is not the caller's; 409 when the device syncs already or has no vendor.")
            .RequireAuthorization(DevicesExtensions.UserPolicy);

        var sync = app.MapGroup("/api/v1/sync").WithTags("Sync").RequireAuthorization(DevicesExtensions.UserPolicy);

        sync.MapGet("/status", StatusAsync)
            .WithName("GetSyncStatus")
            .WithSummary("Get synchronization status for all devices")
            .WithDescription("Per device of the caller: sync_status, last_sync, next_sync and the running sync, if any.");

        sync.MapPost("/bulk", BulkAsync)
            .WithName("BulkSync")
            .WithSummary("Trigger bulk synchronization for all devices")
            .WithDescription("Starts a sync of every vendor-synced device of the caller; devices already syncing are listed as skipped.");

        sync.MapGet("/history", HistoryAsync)
            .WithName("GetSyncHistory")
            .WithSummary("Get synchronization history")
            .WithDescription($"The caller's syncs, newest first. Query: device_id, status (pending, running, completed, failed), limit (default {DefaultLimit}, at most {MaxLimit}), offset.");

        sync.MapPost("/retry/{sync_id}", RetryAsync)
            .WithName("RetrySync")
            .WithSummary("Retry failed synchronization")
            .WithDescription("Starts a new sync (type retry, retry_of the failed one). 409 unless the sync failed, or while the device syncs; 404 for another user's sync.");

        app.MapGet("/api/v1/analytics/sync-performance", PerformanceAsync)
            .WithTags("Analytics")
            .WithName("GetSyncPerformance")
            .WithSummary("Get synchronization performance metrics")
            .WithDescription("The caller's finished syncs: success rate, duration p50/p95, records per sync, per device and overall. Query: days (1 to 365; all when omitted).")
            .RequireAuthorization(DevicesExtensions.UserPolicy);
        return app;
    }

    /// <summary>Manually trigger device synchronization</summary>
    public static async Task<IResult> SyncDeviceAsync([FromRoute(Name = "device_id")] string deviceId, HttpContext context, [AsParameters] SyncServices services)
    {
        var userId = context.User.GetUserId();
        if (!Guid.TryParse(deviceId, out var id) || await services.Devices.FindAsync(id, userId, context.RequestAborted) is not { } device)
        {
            return DeviceNotFound(deviceId);
        }
        if (device.Vendor is null || device.IntegrationType != IntegrationTypes.Api)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not a vendor device",
                detail: "Only devices synced from a vendor cloud (integration_type api, with a vendor) can be synced; import them from /api/v1/integrations/{type}/import.");
        }
        return await StartAsync(device.DeviceId, userId, SyncTypes.Manual, null, 1, services, context.RequestAborted);
    }

    /// <summary>Get synchronization status for all devices</summary>
    public static async Task<Ok<SyncStatusList>> StatusAsync(HttpContext context, [AsParameters] SyncServices services)
    {
        var userId = context.User.GetUserId();
        var devices = await services.Devices.ListAsync(userId, apiOnly: false, context.RequestAborted);
        var active = await services.History.ActiveAsync(userId, context.RequestAborted);
        var list = devices.Select(d => new DeviceSyncStatus(d.DeviceId, d.DeviceName, d.Vendor, d.IntegrationType, d.SyncStatus, d.Settings.AutoSync,
            d.Settings.SyncIntervalMinutes, d.LastSync, d.NextSync, active.GetValueOrDefault(d.DeviceId))).ToList();
        return TypedResults.Ok(new SyncStatusList(list, list.Count));
    }

    /// <summary>Trigger bulk synchronization for all devices</summary>
    public static async Task<IResult> BulkAsync(HttpContext context, [AsParameters] SyncServices services)
    {
        var userId = context.User.GetUserId();
        var started = new List<SyncAccepted>();
        var skipped = new List<SyncSkipped>();
        foreach (var device in await services.Devices.ListAsync(userId, apiOnly: true, context.RequestAborted))
        {
            if (await services.History.TryCreateAsync(device.DeviceId, userId, SyncTypes.Bulk, null, 1, context.RequestAborted) is { } syncId)
            {
                services.Queue.Enqueue(syncId, device.DeviceId);
                started.Add(new SyncAccepted(syncId, device.DeviceId, SyncTypes.Bulk, SyncTypes.Pending));
            }
            else
            {
                var running = (await services.History.ActiveAsync(userId, context.RequestAborted)).GetValueOrDefault(device.DeviceId);
                skipped.Add(new SyncSkipped(device.DeviceId, "a sync of this device is already pending or running", running?.SyncId));
            }
        }
        return TypedResults.Json(new BulkSyncAccepted(started, skipped), statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Get synchronization history</summary>
    public static async Task<IResult> HistoryAsync(HttpContext context, [AsParameters] SyncServices services)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        Guid? deviceId = null;
        if (query["device_id"].FirstOrDefault() is { } rawDevice)
        {
            if (Guid.TryParse(rawDevice, out var parsed))
            {
                deviceId = parsed;
            }
            else
            {
                errors["device_id"] = ["device_id must be a device id (a UUID)."];
            }
        }
        var status = query["status"].FirstOrDefault();
        if (status is not null && !SyncTypes.Statuses.Contains(status))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", SyncTypes.Statuses)}."];
        }
        var limit = Integer(query["limit"].FirstOrDefault(), "limit", DefaultLimit, 1, MaxLimit, errors);
        var offset = Integer(query["offset"].FirstOrDefault(), "offset", 0, 0, int.MaxValue, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (syncs, total) = await services.History.HistoryAsync(context.User.GetUserId(), deviceId, status, limit, offset, context.RequestAborted);
        return TypedResults.Ok(new SyncHistoryPage(syncs, total, limit, offset));
    }

    /// <summary>Retry failed synchronization</summary>
    public static async Task<IResult> RetryAsync([FromRoute(Name = "sync_id")] string syncId, HttpContext context, [AsParameters] SyncServices services)
    {
        var userId = context.User.GetUserId();
        if (!Guid.TryParse(syncId, out var id) || await services.History.GetAsync(id, userId, context.RequestAborted) is not { } failed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Sync {syncId} not found",
                extensions: new Dictionary<string, object?> { ["field"] = "sync_id" });
        }
        if (failed.Status != SyncTypes.Failed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not a failed sync",
                detail: $"Sync {syncId} is {failed.Status}; only a failed sync can be retried.", extensions: new Dictionary<string, object?> { ["field"] = "sync_id" });
        }
        if (await services.Devices.FindAsync(failed.DeviceId, userId, context.RequestAborted) is null)
        {
            return DeviceNotFound(failed.DeviceId.ToString());
        }
        return await StartAsync(failed.DeviceId, userId, SyncTypes.Retry, failed.SyncId, failed.Attempt + 1, services, context.RequestAborted);
    }

    /// <summary>Get synchronization performance metrics</summary>
    public static async Task<IResult> PerformanceAsync(HttpContext context, SyncHistoryStore history, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        int? days = context.Request.Query["days"].FirstOrDefault() is { } raw ? Integer(raw, "days", 0, 1, 365, errors) : null;
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var rows = await history.PerformanceAsync(context.User.GetUserId(), days is { } d ? time.GetUtcNow().AddDays(-d) : null, context.RequestAborted);
        var overall = rows.FirstOrDefault(r => r.DeviceId is null) ?? new SyncPerformance(null, 0, 0, 0, null, null, null, null, 0, null);
        return TypedResults.Ok(new SyncPerformanceReport(days, overall, [.. rows.Where(r => r.DeviceId is not null)]));
    }

    private static async Task<IResult> StartAsync(Guid deviceId, string userId, string syncType, Guid? retryOf, int attempt, SyncServices services,
        CancellationToken cancellationToken)
    {
        if (await services.History.TryCreateAsync(deviceId, userId, syncType, retryOf, attempt, cancellationToken) is not { } syncId)
        {
            var running = (await services.History.ActiveAsync(userId, cancellationToken)).GetValueOrDefault(deviceId);
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Sync already running",
                detail: $"Device {deviceId} already has a {running?.Status ?? "running"} sync{(running is null ? "" : $" ({running.SyncId})")}.",
                extensions: new Dictionary<string, object?> { ["running_sync_id"] = running?.SyncId });
        }
        services.Queue.Enqueue(syncId, deviceId);
        return TypedResults.Json(new SyncAccepted(syncId, deviceId, syncType, SyncTypes.Pending), statusCode: StatusCodes.Status202Accepted);
    }

    private static int Integer(string? raw, string field, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (raw is null)
        {
            return fallback;
        }
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors[field] = [$"{field} must be an integer from {min} to {max}."];
        return fallback;
    }

    private static ProblemHttpResult DeviceNotFound(string deviceId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Device {deviceId} not found",
            extensions: new Dictionary<string, object?> { ["field"] = "device_id" });
}
