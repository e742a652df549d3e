using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Infrastructure.RawIngestions;
using VitaSense.Ingestion.Model;
using VitaSense.Ingestion.Model.Observations;
using VitaSense.Ingestion.Model.Sync;
using VitaSense.Ingestion.Services.Sync;
using VitaSense.ServiceDefaults.RateLimiting;

namespace VitaSense.Ingestion.Apis;

/// <summary>
/// <c>POST /api/v1/sync</c>: the Health Auto Export REST automation's target, and the replay of a stored payload.
/// </summary>
public static class SyncApi
{
    /// <summary>Rate-limit policy: requests per API key per hour.</summary>
    public const string RateLimitPolicy = "sync";

    /// <summary>Kind of the raw ingestions this API records.</summary>
    public const string Kind = ObservationOrigins.HealthExport;

    /// <summary>The header Health Auto Export's "Batch Requests" sends on every request of one export.</summary>
    public const string SessionHeader = "session-id";

    /// <summary>Maps <c>/api/v1/sync</c> and <c>/api/v1/ingestions/{id}/replay</c>.</summary>
    public static IEndpointRouteBuilder MapSyncApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .WithTags("Health Auto Export")
            .RequireAuthorization(DeviceStatusApi.AuthorizationPolicy)
            .WithMetadata(new InvalidApiKeyChallengeMetadata());

        api.MapPost("/sync", SyncAsync)
            .RequireRateLimiting(RateLimitPolicy)
            .WithName("SyncHealthExport")
            .WithSummary("Ingest a Health Auto Export payload")
            .WithDescription("""
                Accepts the app's REST API JSON ({"data": {"metrics", "workouts", "ecg", "symptoms", ...}}) as a stream.
                200: every entry stored or already present; 207: some entries rejected (see types.*.errors), the rest stored;
                422: every entry rejected; 400: not JSON or not the envelope. Safe to repeat: a re-sent entry is a duplicate.
                Authenticate with api-key, X-API-Key or Authorization: Bearer.
                """)
            .Accepts<JsonElement>("application/json")
            .Produces<IngestionSummary>()
            .Produces<IngestionSummary>(StatusCodes.Status207MultiStatus)
            .Produces<IngestionSummary>(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/ingestions/{ingestion_id:long}/replay", ReplayAsync)
            .WithName("ReplayIngestion")
            .WithSummary("Ingest a stored Health Auto Export payload again")
            .WithDescription("Reads the raw backup of one of the caller's payloads and runs it through ingestion again; entries already stored count as duplicates.")
            .Produces<IngestionSummary>()
            .Produces<IngestionSummary>(StatusCodes.Status207MultiStatus)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Ingest a Health Auto Export payload</summary>
    public static async Task<IResult> SyncAsync(HttpContext context, [AsParameters] SyncServices services)
    {
        var caller = Caller.From(context.User);
        services.Usage.Record(caller.ApiKeyId);
        var options = services.Options.Value;
        var request = context.Request;

        if (request.ContentLength > options.MaxRequestBodyBytes)
        {
            return TooLarge(options.MaxRequestBodyBytes);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // The body is streamed and counted by the ingestion itself; the server's own default (30 MB) would cut it short.
            sizeFeature.MaxRequestBodySize = options.MaxRequestBodyBytes;
        }
        if (request.ContentLength is { } declared)
        {
            using var lease = await services.ByteBudget.ChargeAsync(context, declared, context.RequestAborted);
            if (!lease.IsAcquired)
            {
                return BytesExceeded(context, lease, options.BytesPerHour);
            }
        }

        var ingestion = new RawIngestion(
            caller.UserId,
            caller.ApiKeyId,
            Kind,
            null,
            request.Headers[SessionHeader].FirstOrDefault() is { Length: > 0 and <= 200 } session ? session : null,
            AutomationHeaders(request),
            request.ContentType);
        try
        {
            var summary = await services.Ingestor.IngestAsync(request.Body, ingestion, context.RequestAborted);
            if (request.ContentLength is null)
            {
                using var _ = await services.ByteBudget.ChargeAsync(context, summary.ReceivedBytes, context.RequestAborted);
            }
            return Answer(summary);
        }
        catch (IngestionFailedException ex) when (ex.InnerException is PayloadTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return TooLarge(options.MaxRequestBodyBytes, ex.Summary);
        }
        catch (IngestionFailedException ex)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The body is not a Health Auto Export payload",
                detail: ex.Message,
                extensions: new Dictionary<string, object?> { ["summary"] = ex.Summary });
        }
        catch (NpgsqlException)
        {
            return Unavailable();
        }
    }

    /// <summary>Ingest a stored Health Auto Export payload again</summary>
    public static async Task<IResult> ReplayAsync(long ingestion_id, HttpContext context, [AsParameters] SyncServices services)
    {
        var caller = Caller.From(context.User);
        if (await services.RawStore.FindKindAsync(caller.UserId, ingestion_id, context.RequestAborted) != Kind)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"No Health Auto Export payload {ingestion_id} of this user.");
        }

        var pipe = new Pipe();
        var copy = Task.Run(async () =>
        {
            await using var destination = pipe.Writer.AsStream();
            await services.RawStore.CopyBodyToAsync(ingestion_id, destination, context.RequestAborted);
        });
        var replay = new RawIngestion(caller.UserId, caller.ApiKeyId, Kind, null, null,
            JsonSerializer.Serialize(new Dictionary<string, object> { ["replay_of"] = ingestion_id }), "application/json");
        try
        {
            await using var body = pipe.Reader.AsStream();
            var summary = await services.Ingestor.IngestAsync(body, replay, context.RequestAborted);
            await copy;
            return Answer(summary);
        }
        catch (IngestionFailedException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The stored payload cannot be read",
                detail: ex.Message, extensions: new Dictionary<string, object?> { ["summary"] = ex.Summary });
        }
        catch (NpgsqlException)
        {
            return Unavailable();
        }
    }

    private static IResult Answer(IngestionSummary summary) => summary.Status switch
    {
        IngestionSummary.Accepted => TypedResults.Ok(summary),
        IngestionSummary.Partial => TypedResults.Json(summary, statusCode: StatusCodes.Status207MultiStatus),
        _ => TypedResults.UnprocessableEntity(summary),
    };

    // The app's automation headers say which automation sent the export; kept with the session for support.
    private static string? AutomationHeaders(HttpRequest request)
    {
        var headers = request.Headers
            .Where(h => h.Key.StartsWith("automation-", StringComparison.OrdinalIgnoreCase))
            .Take(20)
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString().Length > 200 ? h.Value.ToString()[..200] : h.Value.ToString());
        return headers.Count == 0 ? null : JsonSerializer.Serialize(headers);
    }

    private static ProblemHttpResult TooLarge(long limit, IngestionSummary? summary = null) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Payload too large",
        detail: $"The request body exceeds {limit} bytes (Sync:MaxRequestBodyBytes); split the export with the app's Batch Requests option.",
        extensions: summary is null ? null : new Dictionary<string, object?> { ["summary"] = summary });

    private static ProblemHttpResult Unavailable() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Storage unavailable",
        detail: "The payload could not be stored; batches committed before the failure are kept. Retry later: re-sent entries are duplicates.");

    private static ProblemHttpResult BytesExceeded(HttpContext context, RateLimitLease lease, long limit)
    {
        var headers = context.Response.Headers;
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        headers[RedisRateLimitLease.LimitMetadataName] = limit.ToString(CultureInfo.InvariantCulture);
        headers[RedisRateLimitLease.RemainingMetadataName] = "0";
        headers["X-RateLimit-Resource"] = "bytes";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many bytes",
            detail: $"This API key may send {limit} bytes per hour to /api/v1/sync; retry after the number of seconds in Retry-After.");
    }
}
