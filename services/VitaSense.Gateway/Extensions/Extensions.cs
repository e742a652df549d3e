using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VitaSense.Gateway.Infrastructure;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace VitaSense.Gateway.Extensions;

/// <summary>The gateway's wiring: YARP routes from configuration, service discovery, limits, CORS and headers.</summary>
public static class Extensions
{
    /// <summary>Configuration key of the server-wide request body limit, in bytes.</summary>
    public const string MaxRequestBodyBytesKey = "Gateway:MaxRequestBodyBytes";

    /// <summary>Default server-wide request body limit: 256 MiB, because <c>/api/v1/sync</c> takes whole health exports.
    /// Routes that take small bodies (<c>/status</c>) set a tighter <c>MaxRequestBodySize</c> of their own.</summary>
    public const long DefaultMaxRequestBodyBytes = 256L * 1024 * 1024;

    /// <summary>Configuration key of the origins allowed to call the API from a browser (array; none by default).</summary>
    public const string CorsAllowedOriginsKey = "Cors:AllowedOrigins";

    /// <summary>
    /// Adds the reverse proxy (section <c>ReverseProxy</c>) with destinations resolved by service discovery, a
    /// readiness check per cluster, the request body limit, CORS and ProblemDetails status pages.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // Both read configuration when the options are first built, not now, so settings added after this call
        // (a test host's, a later configuration source) still count.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((options, config) =>
            options.Limits.MaxRequestBodySize = config.GetValue(MaxRequestBodyBytesKey, DefaultMaxRequestBodyBytes));
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IConfiguration>((options, config) =>
            options.AddDefaultPolicy(policy => policy
                .WithOrigins(config.GetSection(CorsAllowedOriginsKey).Get<string[]>() ?? [])
                .AllowAnyMethod()
                .AllowAnyHeader()
                .WithExposedHeaders("X-Request-ID", "Retry-After", "Location")));

        // Registered before AddReverseProxy, whose TryAdd would otherwise install its no-op resolver.
        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();
        var proxyConfig = configuration.GetSection("ReverseProxy");
        builder.Services.AddReverseProxy().LoadFromConfig(proxyConfig);

        var healthChecks = builder.Services.AddHealthChecks();
        foreach (var cluster in proxyConfig.GetSection("Clusters").GetChildren())
        {
            healthChecks.AddTypeActivatedCheck<ClusterAliveHealthCheck>(
                $"cluster-{cluster.Key}", HealthStatus.Degraded, tags: [], timeout: TimeSpan.FromSeconds(5), args: cluster.Key);
        }

        return builder;
    }

    /// <summary>Security headers and CORS for every response, ProblemDetails bodies for the gateway's own errors.</summary>
    public static WebApplication UseGatewayHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePages();
        app.UseCors();
        return app;
    }

    /// <summary>Maps the proxy: declared-length body check, forwarding, and ProblemDetails for forwarding failures.</summary>
    public static WebApplication MapGatewayRoutes(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.Use((context, next) =>
            {
                // A downstream answer is passed on as it is; status pages are only for the gateway's own errors.
                if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
                {
                    statusCodePages.Enabled = false;
                }
                return next(context);
            });
            proxy.UseMiddleware<RequestBodyLimitMiddleware>();
            proxy.UseMiddleware<ForwarderErrorMiddleware>();
        });
        return app;
    }
}
