using Microsoft.AspNetCore.Http.HttpResults;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Model;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.Ingestion.Apis;

/// <summary>
/// API keys for devices and exporters: a person (JWT, not an API key) creates, lists and revokes their own keys.
/// The AppHost's <c>apikey</c> command calls <c>POST /api/v1/api-keys</c> through the gateway.
/// </summary>
public static class ApiKeysApi
{
    /// <summary>Authorization policy: an authenticated person, not an API key.</summary>
    public const string PersonPolicy = "person";

    /// <summary>Longest key label.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Maps <c>/api/v1/api-keys</c>.</summary>
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/api-keys")
            .WithTags("API keys")
            .RequireAuthorization(PersonPolicy);

        api.MapPost("", CreateAsync)
            .WithName("CreateApiKey")
            .WithSummary("Create an API key (the full key is returned only in this response)");
        api.MapGet("", ListAsync)
            .WithName("ListApiKeys")
            .WithSummary("List the caller's API keys, without secrets");
        api.MapDelete("/{id}", RevokeAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke one of the caller's API keys");
        return app;
    }

    /// <summary>Create an API key (the full key is returned only in this response)</summary>
    /// <remarks>Optionally limited to one device with <c>device_id</c>.</remarks>
    public static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> CreateAsync(
        CreateApiKeyRequest request, HttpContext context, ApiKeyStore store)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            errors["name"] = [$"name is required and at most {MaxNameLength} characters."];
        }
        var deviceId = request.DeviceId?.Trim();
        if (deviceId is not null && DeviceStatusParser.ValidateDeviceId(deviceId, ["body", "device_id"]) is { } deviceError)
        {
            errors["device_id"] = [deviceError.Msg];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = await store.CreateAsync(context.User.GetUserId(), name, deviceId, context.RequestAborted);
        return TypedResults.Created($"/api/v1/api-keys/{created.Id}", created);
    }

    /// <summary>List the caller's API keys, without secrets</summary>
    public static async Task<Ok<IReadOnlyList<ApiKeySummary>>> ListAsync(HttpContext context, ApiKeyStore store) =>
        TypedResults.Ok(await store.ListAsync(context.User.GetUserId(), context.RequestAborted));

    /// <summary>Revoke one of the caller's API keys</summary>
    /// <remarks>Another user's key is 404, as if it did not exist.</remarks>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, HttpContext context, ApiKeyStore store, ApiKeyValidator validator)
    {
        if (!await store.RevokeAsync(context.User.GetUserId(), id, context.RequestAborted))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"API key {id} not found");
        }
        // Takes effect on this replica at once; other replicas' caches expire within Authentication:ApiKeys:CacheSeconds.
        validator.Invalidate(id);
        return TypedResults.NoContent();
    }
}
