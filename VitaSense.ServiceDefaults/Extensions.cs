using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VitaSense.ServiceDefaults.Health;
using VitaSense.ServiceDefaults.Messaging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every VitaSense service starts with, in the shape of Aspire's ServiceDefaults template:
/// telemetry, health checks, service discovery, HTTP resilience and problem details.
/// </summary>
public static class Extensions
{
    /// <summary>Readiness: every dependency check. Liveness (<c>/alive</c>) runs only checks tagged <c>live</c>.</summary>
    public const string HealthEndpointPath = "/health";

    /// <summary>Liveness endpoint path.</summary>
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Readiness probe path (Kubernetes): 200 when every dependency check passes, 503 otherwise.</summary>
    public const string ReadinessEndpointPath = "/ready";

    /// <summary>Prometheus scrape path: the same metrics OTLP exports, in Prometheus text format.</summary>
    public const string PrometheusEndpointPath = "/metrics";

    /// <summary>Adds telemetry, health checks, service discovery, resilient HTTP clients and problem details.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>OpenTelemetry logs, traces and metrics; exported over OTLP only when an endpoint is configured.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter(MessagingTelemetry.MeterName)
                .AddMeter(builder.Environment.ApplicationName)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(MessagingTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(options =>
                    // Health probes arrive every few seconds and say nothing about the product.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath)
                        && !context.Request.Path.StartsWithSegments(ReadinessEndpointPath)
                        && !context.Request.Path.StartsWithSegments(PrometheusEndpointPath))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Registers the liveness check; services add their dependency checks next to it.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> and <c>/ready</c> (every check), <c>/alive</c> (live: process responsive) and the Prometheus
    /// scrape endpoint <c>/metrics</c>. None of them is routed by the gateway: they are for probes and scrapers
    /// inside the deployment.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(ReadinessEndpointPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync })
            .AllowAnonymous()
            .DisableHttpMetrics();
        app.MapPrometheusScrapingEndpoint(PrometheusEndpointPath)
            .AllowAnonymous()
            .DisableHttpMetrics();
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync })
            .AllowAnonymous()
            .DisableHttpMetrics();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        })
            .AllowAnonymous()
            .DisableHttpMetrics();
        return app;
    }
}
