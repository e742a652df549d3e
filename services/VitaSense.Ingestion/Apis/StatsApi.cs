using Microsoft.AspNetCore.Http.HttpResults;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Model;
using VitaSense.Ingestion.Model.Stats;

namespace VitaSense.Ingestion.Apis;

/// <summary>
/// The specification's system endpoints: <c>GET /api/v1/stats</c> and <c>GET /api/v1/metrics</c>, the metric-type
/// catalogue, also at <c>GET /api/v1/metric-types</c>: through the gateway <c>/api/v1/metrics</c> is the tracking
/// service's for callers with a JWT, and this catalogue's for callers with an API key (Health Auto Export's clients).
/// </summary>
public static class StatsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .WithTags("Statistics")
            .RequireAuthorization(DeviceStatusApi.AuthorizationPolicy)
            .WithMetadata(new InvalidApiKeyChallengeMetadata());

        api.MapGet("/stats", GetStatsAsync)
            .WithName("GetIngestionStats")
            .WithSummary("The caller's stored readings per type, ingestion rates and last sync per API key");
        api.MapGet("/metrics", GetMetricTypes)
            .WithName("GetMetricTypes")
            .WithSummary("Supported metric types: category, shape, canonical unit, accepted range and the fields of each shape");
        api.MapGet("/metric-types", GetMetricTypes)
            .WithName("GetMetricTypeCatalog")
            .WithSummary("The metric-type catalogue under a path of its own (GET /api/v1/metrics answers it to API-key callers through the gateway)");
        return app;
    }

    /// <summary>The caller's stored readings per type, ingestion rates and last sync per API key</summary>
    public static async Task<Ok<IngestionStats>> GetStatsAsync(HttpContext context, IngestionStatsStore store) =>
        TypedResults.Ok(await store.GetAsync(Caller.From(context.User).UserId, context.RequestAborted));

    /// <summary>Supported metric types and their schemas</summary>
    public static Ok<MetricTypeCatalog> GetMetricTypes() => TypedResults.Ok(MetricTypeCatalog.Instance);
}
