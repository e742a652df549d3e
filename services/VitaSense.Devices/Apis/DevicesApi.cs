using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VitaSense.Devices.Model;
using VitaSense.ServiceDefaults.Authentication;
using DevicesExtensions = VitaSense.Devices.Extensions.Extensions;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Devices.Apis;

/// <summary>
/// The device registry: <c>/api/v1/devices</c> to register, list, read, update and unregister the caller's devices,
/// and each device's firmware history. A device that is not the caller's (or does not exist, or whose id is not a
/// device id) is 404 alike on every endpoint, so nobody learns whether someone else's device exists.
/// </summary>
public static class DevicesApi
{
    /// <summary>The registry's route prefix.</summary>
    public const string Prefix = "/api/v1/devices";

    /// <summary>Maps the registry's endpoints, and the device health and device analytics ones.</summary>
    public static IEndpointRouteBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Devices").RequireAuthorization(DevicesExtensions.UserPolicy);

        api.MapPost("", RegisterAsync)
            .WithName("RegisterDevice")
            .WithSummary("Register a new device")
            .WithDescription("""
                Registers a device to the caller. device_type, device_name and integration_type (api, bluetooth, wifi, manual) are
                required; credentials are stored encrypted and never returned; sync_settings default to auto_sync true, every 15
                minutes, 30 days of history. 400 names every wrong field; 409 when a live device already has the serial_number.
                """)
            .Accepts<DeviceRequest>("application/json")
            .Produces<DeviceRegistered>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("", ListAsync)
            .WithName("ListDevices")
            .WithSummary("Get user's registered devices")
            .WithDescription($"""
                The caller's devices, oldest registration first. Query: device_type, status (default: every status but
                unregistered), group, limit (1 to {DeviceListQuery.MaxLimit}, default {DeviceListQuery.DefaultLimit}), offset (default 0).
                """)
            .Produces<DevicePage>()
            .ProducesValidationProblem();

        api.MapGet("/{device_id}", GetAsync)
            .WithName("GetDevice")
            .WithSummary("Get specific device details")
            .Produces<DeviceView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/{device_id}", UpdateAsync)
            .WithName("UpdateDevice")
            .WithSummary("Update device configuration")
            .WithDescription("""
                Changes the fields the body names and nothing else (null clears an optional field; sync_settings members are merged).
                A new firmware_version is appended to the firmware history; credentials are replaced (null removes them).
                409 for a serial_number another live device has, or for an unregistered device.
                """)
            .Accepts<DeviceRequest>("application/json")
            .Produces<DeviceView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapDelete("/{device_id}", UnregisterAsync)
            .WithName("UnregisterDevice")
            .WithSummary("Unregister device")
            .WithDescription("""
                Stops syncing (auto_sync off, no next sync), wipes the stored credentials and marks the device unregistered; its
                unregistered event tells the other services. purge_data=true also deletes the device's readings, which live in
                ingestion (its DELETE /api/v1/devices/{device_id}/data, with the caller's credentials); when ingestion cannot do it
                now the answer is 503 with the device already unregistered, and repeating the request purges. Unregistering twice
                is a no-op.
                """)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/{device_id}/firmware", GetFirmwareAsync)
            .WithName("GetDeviceFirmwareHistory")
            .WithSummary("Firmware versions of a device, oldest first")
            .Produces<FirmwareHistory>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapDeviceHealthApi();
        app.MapDeviceAnalyticsApi();
        return app;
    }

    /// <summary>Register a new device</summary>
    public static async Task<Results<Created<DeviceRegistered>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        HttpContext context, [AsParameters] DevicesServices services)
    {
        var errors = new FieldErrors();
        using var body = await ReadJsonAsync(context, errors);
        if (body is null || DeviceRequestParser.Parse(body.RootElement, registration: true, errors) is not { } input)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var userId = context.User.GetUserId();
        var now = services.Time.GetUtcNow();
        var device = DeviceChanges.Register(Guid.CreateVersion7(now), userId, input, now);
        var (outcome, stored) = await services.Store.RegisterAsync(device, input.Credentials.Value, context.RequestAborted);
        if (outcome == RegistryOutcome.Duplicate || stored is null)
        {
            return DuplicateSerial(input.SerialNumber.Value);
        }
        // The owner's cached health summary does not list the new device yet.
        await services.Lookup.InvalidateAsync(stored.DeviceId, userId);
        services.Logger.LogInformation("Device {DeviceId} of type {DeviceType} registered", stored.DeviceId, stored.DeviceType);
        return TypedResults.Created($"{Prefix}/{stored.DeviceId}", DeviceRegistered.From(stored));
    }

    /// <summary>Get user's registered devices</summary>
    public static async Task<Results<Ok<DevicePage>, ValidationProblem>> ListAsync(HttpContext context, [AsParameters] DevicesServices services)
    {
        var errors = new FieldErrors();
        if (DeviceListQuery.Parse(context.Request.Query, errors) is not { } query)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var (items, total) = await services.Store.ListAsync(context.User.GetUserId(), query, context.RequestAborted);
        return TypedResults.Ok(new DevicePage(items.Select(DeviceView.From).ToList(), total, query.Limit, query.Offset));
    }

    /// <summary>Get specific device details</summary>
    public static async Task<Results<Ok<DeviceView>, ProblemHttpResult>> GetAsync(
        [FromRoute(Name = "device_id")] string deviceId, HttpContext context, [AsParameters] DevicesServices services)
    {
        return Guid.TryParse(deviceId, out var id) && await services.Lookup.FindAsync(context.User.GetUserId(), id, context.RequestAborted) is { } snapshot
            ? TypedResults.Ok(DeviceView.From(snapshot.Device))
            : NotFound(deviceId);
    }

    /// <summary>Update device configuration</summary>
    public static async Task<Results<Ok<DeviceView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        [FromRoute(Name = "device_id")] string deviceId, HttpContext context, [AsParameters] DevicesServices services)
    {
        if (!Guid.TryParse(deviceId, out var id))
        {
            return NotFound(deviceId);
        }
        var errors = new FieldErrors();
        using var body = await ReadJsonAsync(context, errors);
        if (body is null || DeviceRequestParser.Parse(body.RootElement, registration: false, errors) is not { } input)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var userId = context.User.GetUserId();
        var (outcome, device) = await services.Store.UpdateAsync(userId, id, input, services.Time.GetUtcNow(), context.RequestAborted);
        switch (outcome)
        {
            case RegistryOutcome.NotFound:
                return NotFound(deviceId);
            case RegistryOutcome.Duplicate:
                return DuplicateSerial(input.SerialNumber.Value);
            case RegistryOutcome.Unregistered:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Device unregistered",
                    detail: $"Device {deviceId} is unregistered and can no longer be changed; register it again.");
        }
        await services.Lookup.InvalidateAsync(id, userId);
        services.Logger.LogInformation("Device {DeviceId} updated", id);
        return TypedResults.Ok(DeviceView.From(device!));
    }

    /// <summary>Unregister device</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UnregisterAsync(
        [FromRoute(Name = "device_id")] string deviceId, HttpContext context, [AsParameters] DevicesServices services)
    {
        var purgeData = false;
        if (context.Request.Query["purge_data"] is { Count: > 0 } purge && !bool.TryParse(purge[0], out purgeData))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["purge_data"] = ["purge_data must be true or false."] });
        }
        if (!Guid.TryParse(deviceId, out var id))
        {
            return NotFound(deviceId);
        }

        var userId = context.User.GetUserId();
        var (outcome, _) = await services.Store.UnregisterAsync(userId, id, services.Time.GetUtcNow(), context.RequestAborted);
        if (outcome == RegistryOutcome.NotFound)
        {
            return NotFound(deviceId);
        }
        await services.Lookup.InvalidateAsync(id, userId);
        if (outcome == RegistryOutcome.Done)
        {
            services.Logger.LogInformation("Device {DeviceId} unregistered (purge_data {PurgeData})", id, purgeData);
        }
        if (purgeData && await services.Purger.PurgeAsync(id, context.Request.Headers.Authorization.ToString(), context.RequestAborted) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Data not purged yet",
                detail: $"Device {deviceId} is unregistered, but its data could not be deleted now; repeat the request to purge it.");
        }
        return TypedResults.NoContent();
    }

    /// <summary>Firmware versions of a device, oldest first</summary>
    public static async Task<Results<Ok<FirmwareHistory>, ProblemHttpResult>> GetFirmwareAsync(
        [FromRoute(Name = "device_id")] string deviceId, HttpContext context, [AsParameters] DevicesServices services)
    {
        return Guid.TryParse(deviceId, out var id) && await services.Store.FirmwareHistoryAsync(context.User.GetUserId(), id, context.RequestAborted) is { } history
            ? TypedResults.Ok(history)
            : NotFound(deviceId);
    }

    /// <summary>The 404 of a device that is not the caller's, whatever the reason.</summary>
    public static ProblemHttpResult NotFound(string deviceId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Device {deviceId} not found");

    private static ProblemHttpResult DuplicateSerial(string? serialNumber) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Duplicate serial number",
            detail: serialNumber is null
                ? "Another device has the same vendor device id."
                : $"A registered device already has serial_number {serialNumber}.",
            extensions: new Dictionary<string, object?> { ["field"] = serialNumber is null ? "vendor_device_id" : "serial_number" });

    private static async Task<JsonDocument?> ReadJsonAsync(HttpContext context, FieldErrors errors)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, new JsonDocumentOptions { MaxDepth = 16 }, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : "";
            errors.Add("body", $"The body is not valid JSON{where}.");
            return null;
        }
    }
}
