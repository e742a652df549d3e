using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace VitaSense.ServiceDefaults.Data;

/// <summary>
/// Registers one <see cref="IConnectionMultiplexer"/> from <c>ConnectionStrings:{name}</c> (Aspire's <c>AddRedisClient</c>)
/// with a health check. The multiplexer connects in the background and keeps retrying, so a Redis outage degrades
/// callers (which fall back or fail open) instead of stopping the service from starting; for the same reason the
/// health check reports an outage as degraded, not unhealthy.
/// </summary>
public static class RedisClientExtensions
{
    /// <summary>The connection-string name of the cache in the app model.</summary>
    public const string DefaultConnectionName = "cache";

    /// <summary>Adds the multiplexer singleton and its health check.</summary>
    public static TBuilder AddRedisClient<TBuilder>(this TBuilder builder, string connectionName = DefaultConnectionName)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.TryAddSingleton<IConnectionMultiplexer>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var connectionString = configuration.GetRequiredConnectionString(connectionName, "Redis");
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5_000);
            options.SyncTimeout = Math.Min(options.SyncTimeout, 2_000);
            options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2_000);
            options.ClientName ??= builder.Environment.ApplicationName;
            // While disconnected, fail commands at once: callers fall back (cache) or fail open (rate limits).
            options.BacklogPolicy = BacklogPolicy.FailFast;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", failureStatus: Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
        return builder;
    }
}
