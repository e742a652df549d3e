using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VitaSense.Devices.Infrastructure;
using VitaSense.Devices.Integrations;
using VitaSense.Devices.Integrations.Api;
using VitaSense.Devices.Integrations.Connectors;
using VitaSense.Devices.Services.Sync;
using VitaSense.ServiceDefaults.Authentication;
using DevicesExtensions = VitaSense.Devices.Extensions.Extensions;

namespace VitaSense.Devices.Apis;

/// <summary>
/// Vendor integrations: <c>/api/v1/integrations</c> — the catalog, OAuth 2.0 connection, the vendor's device list and
/// import — and the Garmin push webhook. Also maps the sync API (<see cref="SyncApi"/>), so Program.cs maps both
/// with one call. Tokens are stored encrypted and never returned or logged.
/// </summary>
public static class IntegrationsApi
{
    /// <summary>The header a push vendor may carry its shared token in (else the <c>token</c> query parameter).</summary>
    public const string WebhookTokenHeader = "X-Webhook-Token";

    /// <summary>Maps the integrations' endpoints and the sync API.</summary>
    public static IEndpointRouteBuilder MapIntegrationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/integrations").WithTags("Integrations");

        api.MapGet("", ListAsync)
            .WithName("GetIntegrations")
            .WithSummary("Get available device integrations")
            .WithDescription("Every integration with its status (available/unavailable), auth type, data types and whether the caller is connected.")
            .RequireAuthorization(DevicesExtensions.UserPolicy);

        api.MapPost("/{type}/auth", AuthenticateAsync)
            .WithName("AuthenticateIntegration")
            .WithSummary("Authenticate with device platform")
            .WithDescription("""
                Body {code, redirect_uri}: exchanges the OAuth 2.0 authorization code at the vendor's token endpoint and stores the
                tokens encrypted. 404 unknown type; 409 an unavailable integration; 400 a missing field or the vendor refusing the
                code; 502 the vendor failing.
                """)
            .RequireAuthorization(DevicesExtensions.UserPolicy);

        api.MapDelete("/{type}", DisconnectAsync)
            .WithName("DisconnectIntegration")
            .WithSummary("Disconnect from device platform")
            .WithDescription("""
                Deletes the caller's stored tokens for the vendor. The caller's devices imported from it stay registered with their
                data, but are no longer synced until the account is connected again (a manual sync fails saying so). The grant
                is not revoked at the vendor: do that in the vendor's account settings. 204; 404 an unknown type or no connection.
                """)
            .RequireAuthorization(DevicesExtensions.UserPolicy);

        api.MapGet("/{type}/devices", DevicesAsync)
            .WithName("GetIntegrationDevices")
            .WithSummary("Get available devices from platform")
            .WithDescription("The caller's devices at the vendor. 409 when the caller is not connected (or must connect again).")
            .RequireAuthorization(DevicesExtensions.UserPolicy);

        api.MapPost("/{type}/import", ImportAsync)
            .WithName("ImportIntegrationDevices")
            .WithSummary("Import devices from platform")
            .WithDescription("""
                Registers the caller's vendor devices (all, or body {vendor_device_ids: [...]}) as api devices synced from the vendor.
                Idempotent: a device imported before is reported, not added again.
                """)
            .RequireAuthorization(DevicesExtensions.UserPolicy);

        api.MapPost("/garmin/webhook", GarminWebhookAsync)
            .WithName("GarminWebhook")
            .WithSummary("Garmin Health API push endpoint")
            .WithDescription($"""
                Garmin posts dailies, sleeps and activities here. Not user-authenticated: verified by the shared token configured
                as Integrations:garmin:WebhookToken, sent as the token query parameter (the form Garmin's portal can be
                configured with) or the {WebhookTokenHeader} header. 401 on a wrong token.
                """)
            .AllowAnonymous();

        api.MapGet("/oura/webhook", OuraWebhookChallenge)
            .WithName("OuraWebhookVerification")
            .WithSummary("Oura webhook subscription handshake")
            .WithDescription("Answers Oura's GET with {challenge} when verification_token is Integrations:oura:WebhookToken; 401 otherwise.")
            .AllowAnonymous();

        api.MapPost("/oura/webhook", OuraWebhookAsync)
            .WithName("OuraWebhook")
            .WithSummary("Oura webhook events")
            .WithDescription($$"""
                Oura notifies new or changed data ({event_type, data_type, object_id, event_time, user_id}); the event starts a sync of the
                user's Oura devices. Verified by {{OuraSignatureHeader}}: HMAC-SHA256 with the client secret over {{OuraTimestampHeader}}
                followed by the raw body, hex. 401 on a bad signature.
                """)
            .AllowAnonymous();

        app.MapSyncApi();
        return app;
    }

    /// <summary>The header of an Oura event's signature.</summary>
    public const string OuraSignatureHeader = "x-oura-signature";

    /// <summary>The header of an Oura event's timestamp (signed with the body).</summary>
    public const string OuraTimestampHeader = "x-oura-timestamp";

    /// <summary>Oura webhook subscription handshake</summary>
    public static IResult OuraWebhookChallenge([FromQuery(Name = "verification_token")] string? verificationToken, [FromQuery(Name = "challenge")] string? challenge,
        ConnectorCatalog catalog, OuraConnector oura)
    {
        var expected = catalog.Endpoint(oura)?.WebhookToken;
        if (string.IsNullOrEmpty(expected) || verificationToken is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(verificationToken), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "The verification token is missing or wrong.");
        }
        if (string.IsNullOrEmpty(challenge))
        {
            return Invalid("challenge", "challenge is required.");
        }
        return TypedResults.Ok(new { challenge });
    }

    /// <summary>Oura webhook events</summary>
    public static async Task<IResult> OuraWebhookAsync(HttpContext context, ConnectorCatalog catalog, OuraConnector oura, SyncWebhookTrigger trigger)
    {
        var secret = catalog.Endpoint(oura)?.ClientSecret;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var timestamp = context.Request.Headers[OuraTimestampHeader].FirstOrDefault() ?? "";
        var signature = context.Request.Headers[OuraSignatureHeader].FirstOrDefault() ?? "";
        if (string.IsNullOrEmpty(secret) || !ValidOuraSignature(secret, timestamp, body, signature))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: $"The {OuraSignatureHeader} header is missing or wrong.");
        }
        JsonElement notification;
        try
        {
            using var document = JsonDocument.Parse(body);
            notification = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Invalid("body", "The event must be a JSON object.");
        }
        if (notification.ValueKind != JsonValueKind.Object || Text(notification, "user_id") is not { Length: > 0 } ouraUserId)
        {
            return Invalid("user_id", "user_id is required: the Oura user the event is about.");
        }
        return TypedResults.Ok(await trigger.TriggerAsync(oura.Type, ouraUserId, context.RequestAborted));
    }

    private static bool ValidOuraSignature(string secret, string timestamp, byte[] body, string signature)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp).Concat(body).ToArray();
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        byte[] presented;
        try
        {
            presented = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    /// <summary>Get available device integrations</summary>
    public static async Task<Ok<IntegrationList>> ListAsync(HttpContext context, ConnectorCatalog catalog, IntegrationConnectionStore connections)
    {
        var connected = await connections.ConnectedAsync(context.User.GetUserId(), context.RequestAborted);
        var integrations = catalog.Describe(connected);
        return TypedResults.Ok(new IntegrationList(integrations, integrations.Count));
    }

    /// <summary>Authenticate with device platform</summary>
    public static async Task<IResult> AuthenticateAsync(string type, HttpContext context, [AsParameters] IntegrationServices services)
    {
        if (Resolve(type, services.Catalog, out var connector, out var endpoint) is { } problem)
        {
            return problem;
        }
        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            return Invalid("body", "The body must be a JSON object {code, redirect_uri}.");
        }
        var code = Text(body.Value, "code");
        var redirectUri = Text(body.Value, "redirect_uri");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(code) || code.Length > 4096)
        {
            errors["code"] = ["code is required: the authorization code the vendor redirected with."];
        }
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out _))
        {
            errors["redirect_uri"] = ["redirect_uri is required: the absolute redirect URI the authorization request used."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = context.User.GetUserId();
        try
        {
            var credentials = await services.Tokens.ExchangeCodeAsync(connector!, endpoint!, code!, redirectUri!, context.RequestAborted);
            await services.Connections.SaveAsync(userId, connector!.Type, credentials, context.RequestAborted);
            if (credentials.VendorUserId is null
                && await services.Sessions.ForUserAsync(connector, endpoint!, userId, context.RequestAborted) is { } session
                && await connector.ResolveVendorUserIdAsync(session, context.RequestAborted) is { } vendorUserId)
            {
                credentials = session.Credentials with { VendorUserId = vendorUserId };
                await services.Connections.SaveAsync(userId, connector.Type, credentials, context.RequestAborted);
            }
            services.Logger.LogInformation("User {UserId} connected {Vendor}", userId, connector.Type);
            return TypedResults.Ok(new IntegrationConnected(connector.Type, true, credentials.Scope, credentials.ExpiresAt));
        }
        catch (VendorException ex)
        {
            return VendorProblem(ex);
        }
    }

    /// <summary>Disconnect from device platform</summary>
    public static async Task<IResult> DisconnectAsync(string type, HttpContext context, ConnectorCatalog catalog, IntegrationConnectionStore connections,
        ILogger<IntegrationConnectionStore> logger)
    {
        // A vendor no longer configured here can still be disconnected: only an unknown name is refused.
        if (!catalog.IsKnown(type))
        {
            return Resolve(type, catalog, out _, out _)!;
        }
        var userId = context.User.GetUserId();
        if (!await connections.DeleteAsync(userId, type, context.RequestAborted))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not connected",
                detail: $"You are not connected to {type}.", extensions: new Dictionary<string, object?> { ["field"] = "type" });
        }
        logger.LogInformation("User {UserId} disconnected {Vendor}", userId, type);
        return TypedResults.NoContent();
    }

    /// <summary>Get available devices from platform</summary>
    public static async Task<IResult> DevicesAsync(string type, HttpContext context, [AsParameters] IntegrationServices services)
    {
        if (Resolve(type, services.Catalog, out var connector, out var endpoint) is { } problem)
        {
            return problem;
        }
        try
        {
            var session = await services.Sessions.ForUserAsync(connector!, endpoint!, context.User.GetUserId(), context.RequestAborted);
            if (session is null)
            {
                return NotConnected(connector!);
            }
            var devices = await connector!.ListDevicesAsync(session, context.RequestAborted);
            return TypedResults.Ok(new IntegrationDevices(connector.Type, devices, devices.Count));
        }
        catch (VendorException ex)
        {
            return VendorProblem(ex);
        }
    }

    /// <summary>Import devices from platform</summary>
    public static async Task<IResult> ImportAsync(string type, HttpContext context, [AsParameters] IntegrationServices services)
    {
        if (Resolve(type, services.Catalog, out var connector, out var endpoint) is { } problem)
        {
            return problem;
        }
        HashSet<string>? wanted = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var body = await ReadBodyAsync(context);
            if (body is null)
            {
                return Invalid("body", "The body, when sent, must be a JSON object {vendor_device_ids: [...]}.");
            }
            if (body.Value.TryGetProperty("vendor_device_ids", out var ids))
            {
                if (ids.ValueKind != JsonValueKind.Array || ids.EnumerateArray().Any(id => id.ValueKind != JsonValueKind.String))
                {
                    return Invalid("vendor_device_ids", "vendor_device_ids must be an array of strings.");
                }
                wanted = ids.EnumerateArray().Select(id => id.GetString()!).ToHashSet(StringComparer.Ordinal);
            }
        }

        var userId = context.User.GetUserId();
        try
        {
            var session = await services.Sessions.ForUserAsync(connector!, endpoint!, userId, context.RequestAborted);
            if (session is null)
            {
                return NotConnected(connector!);
            }
            var devices = await connector!.ListDevicesAsync(session, context.RequestAborted);
            if (wanted is not null)
            {
                if (wanted.Except(devices.Select(d => d.VendorDeviceId)).FirstOrDefault() is { } unknown)
                {
                    return Invalid("vendor_device_ids", $"{connector.DisplayName} lists no device '{unknown}' for you.");
                }
                devices = [.. devices.Where(d => wanted.Contains(d.VendorDeviceId))];
            }
            var imported = await services.Devices.ImportAsync(userId, connector.Type, devices, context.RequestAborted);
            var created = imported.Count(i => i.Created);
            services.Logger.LogInformation("User {UserId} imported {Created} new {Vendor} devices", userId, created, connector.Type);
            return TypedResults.Ok(new IntegrationImport(connector.Type, created, imported.Count - created,
                [.. imported.Select(i => new ImportedDevice(i.DeviceId, i.Device.VendorDeviceId, i.Device.DeviceName, i.Created))]));
        }
        catch (VendorException ex)
        {
            return VendorProblem(ex);
        }
    }

    /// <summary>Garmin Health API push endpoint</summary>
    public static async Task<IResult> GarminWebhookAsync(HttpContext context, [FromQuery(Name = "token")] string? token, ConnectorCatalog catalog,
        GarminConnector garmin, SyncPushReceiver receiver)
    {
        var expected = catalog.Endpoint(garmin)?.WebhookToken;
        var presented = token ?? context.Request.Headers[WebhookTokenHeader].FirstOrDefault();
        if (string.IsNullOrEmpty(expected))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The Garmin webhook is not configured.");
        }
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "The webhook token is missing or wrong.");
        }
        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            return Invalid("body", "The push body must be a JSON object of summary lists.");
        }
        try
        {
            return TypedResults.Ok(await receiver.ReceiveAsync(body.Value, context.RequestAborted));
        }
        catch (VendorException ex) when (ex.Kind == VendorErrorKind.InvalidPayload)
        {
            return Invalid("body", ex.Message);
        }
        catch (SyncIngestionException ex)
        {
            // Garmin retries a push that is not answered 200: nothing is lost while ingestion is away.
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Ingestion unavailable", detail: ex.Message);
        }
    }

    // Unknown → 404; listed but not a working connector (Google Fit, Apple HealthKit, unconfigured) → 409.
    private static IResult? Resolve(string type, ConnectorCatalog catalog, out IVendorConnector? connector, out VendorEndpoint? endpoint)
    {
        connector = catalog.Find(type);
        endpoint = connector is null ? null : catalog.Endpoint(connector);
        if (connector is null && !catalog.IsKnown(type))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown integration type",
                detail: $"There is no integration '{type}'. See GET /api/v1/integrations.", extensions: new Dictionary<string, object?> { ["field"] = "type" });
        }
        if (connector is null || endpoint is null)
        {
            var note = catalog.Describe(new HashSet<string>()).FirstOrDefault(d => d.Type == type)?.Note;
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Integration unavailable",
                detail: note ?? $"The {type} integration is not configured on this deployment.", extensions: new Dictionary<string, object?> { ["field"] = "type" });
        }
        return null;
    }

    private static IResult NotConnected(IVendorConnector connector) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not connected",
            detail: $"You are not connected to {connector.DisplayName}: POST /api/v1/integrations/{connector.Type}/auth first.");

    private static IResult VendorProblem(VendorException ex) => ex.Kind switch
    {
        VendorErrorKind.Refused when ex.StatusCode is >= 400 and < 500 or null => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
            title: $"{ex.Vendor} refused the request", detail: ex.Message, extensions: new Dictionary<string, object?> { ["vendor"] = ex.Vendor, ["field"] = "code" }),
        VendorErrorKind.Unauthorized or VendorErrorKind.NotConnected => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
            title: $"{ex.Vendor} connection must be renewed", detail: ex.Message, extensions: new Dictionary<string, object?> { ["vendor"] = ex.Vendor }),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: $"{ex.Vendor} failed", detail: ex.Message,
            extensions: new Dictionary<string, object?> { ["vendor"] = ex.Vendor }),
    };

    internal static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static async Task<JsonElement?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
