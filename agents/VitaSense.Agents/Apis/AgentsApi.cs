using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VitaSense.Agents.Agents;
using VitaSense.Agents.Calibration;
using VitaSense.Agents.Ml;
using VitaSense.Agents.Model;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.ServiceDefaults.Health;

namespace VitaSense.Agents.Apis;

/// <summary>Operator endpoints of the agents: what they consumed and produced, and their health.</summary>
public static class AgentsApi
{
    /// <summary>Maps <c>/agents/status</c> (authenticated), <c>/agents/health</c> and the calibration endpoints.</summary>
    public static RouteGroupBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/agents").WithTags("Agents");

        api.MapGet("/status", GetStatus)
            .WithName("GetAgentsStatus")
            .WithSummary("Messages consumed and produced per topic, skipped, dead-lettered, lag and last activity, per agent")
            .RequireAuthorization();

        api.MapGet("/health", GetHealthAsync)
            .WithName("GetAgentsHealth")
            .WithSummary("The agents' health: Kafka reachable and the consumers running")
            .AllowAnonymous();

        api.MapPost("/analyze/{device_id}", Analyze)
            .WithName("AnalyzeDevice")
            .WithSummary("Runs the streaming detector and each stream's PCA model over the caller's recent values of the device")
            .RequireAuthorization();

        app.MapCalibrationApi();
        app.MapDataApi();
        app.MapForecastApi();
        return api;
    }

    /// <summary>The consumers' counters.</summary>
    public static Ok<AgentsStatusResponse> GetStatus(DeviceAnomalyAgent agent, DataQualityAgent qualityAgent, CalibrationAgent calibrationAgent,
        SyncMonitorAgent syncAgent)
    {
        var stats = agent.Statistics.Snapshot();
        var quality = qualityAgent.Statistics.Snapshot();
        var calibration = calibrationAgent.Statistics.Snapshot();
        var sync = syncAgent.Statistics.Snapshot();
        return TypedResults.Ok(new AgentsStatusResponse(
            DeviceAnomalyAgent.ConsumerGroup,
            stats.State.ToString().ToLowerInvariant(),
            stats.StartedAt,
            stats.LastEventAt,
            stats.Consumed,
            stats.Produced,
            stats.Skipped,
            stats.DeadLettered,
            stats.Duplicates,
            stats.Retries,
            stats.AssignedPartitions,
            stats.Lag,
            agent.TrackedDevices,
            new QualityAgentStatus(
                DataQualityAgent.ConsumerGroup,
                quality.State.ToString().ToLowerInvariant(),
                quality.LastEventAt,
                quality.Consumed,
                quality.Produced,
                quality.Skipped,
                quality.DeadLettered,
                quality.Duplicates,
                quality.Retries,
                quality.AssignedPartitions,
                quality.Lag,
                qualityAgent.TrackedStreams,
                qualityAgent.PointsProcessed,
                qualityAgent.PointsInterpolated,
                qualityAgent.IssuesDetected,
                qualityAgent.StateSaveFailures,
                qualityAgent.PendingStateSaves),
            new CalibrationAgentStatus(
                CalibrationAgent.ConsumerGroup,
                calibration.State.ToString().ToLowerInvariant(),
                calibration.LastEventAt,
                calibration.Consumed,
                calibration.Produced,
                calibration.DeadLettered,
                calibration.Duplicates,
                calibration.AssignedPartitions,
                calibrationAgent.TrackedStreams,
                calibrationAgent.ChangesPublished,
                calibrationAgent.SaveFailures),
            new SyncAgentStatus(
                SyncMonitorAgent.ConsumerGroup,
                sync.State.ToString().ToLowerInvariant(),
                sync.LastEventAt,
                sync.Consumed,
                sync.Produced,
                sync.Skipped,
                sync.DeadLettered,
                sync.Retries,
                sync.AssignedPartitions,
                sync.Lag,
                syncAgent.TrackedUsers,
                syncAgent.ChangesPublished,
                syncAgent.ChangesByStatus),
            agent.WatchedDevices));
    }

    /// <summary>The analysis of the caller's recent clean values of the device (by device id or source name); 404 when there are none.</summary>
    public static Results<Ok<DeviceAnalysis>, ProblemHttpResult> Analyze([FromRoute(Name = "device_id")] string deviceId, HttpContext context, StreamModelRegistry models)
    {
        var histories = models.Histories(context.User.GetUserId(), deviceId);
        return histories.Count == 0
            ? TypedResults.Problem(title: "No recent data for this device", detail: $"device_id '{deviceId}' has no recent processed values of yours.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(DeviceAnalysis.Analyse(deviceId, histories));
    }

    /// <summary>Runs every health check, answering like <c>/health</c>.</summary>
    public static async Task<HealthReportResult> GetHealthAsync(HealthCheckService health, CancellationToken cancellationToken) =>
        new(await health.CheckHealthAsync(cancellationToken));
}

/// <summary>A health report written by <see cref="HealthResponseWriter"/>: 200 when healthy or degraded, 503 otherwise.</summary>
/// <param name="Report">The report.</param>
public sealed record HealthReportResult(HealthReport Report) : IResult
{
    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return HealthResponseWriter.WriteAsync(httpContext, Report);
    }
}
