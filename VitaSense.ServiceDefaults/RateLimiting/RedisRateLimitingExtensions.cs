using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace VitaSense.ServiceDefaults.RateLimiting;

/// <summary>
/// Redis-backed rate-limit policies for ASP.NET Core's rate-limiting middleware: endpoints opt in with
/// <c>RequireRateLimiting(policyName)</c>, the app calls <c>UseRateLimiter()</c> after authentication. A refused
/// request is answered 429 ProblemDetails with <c>Retry-After</c>, <c>X-RateLimit-Limit</c> and <c>X-RateLimit-Remaining</c>.
/// </summary>
public static class RedisRateLimitingExtensions
{
    /// <summary>
    /// Adds a fixed-window policy named <paramref name="policyName"/>, partitioned by <see cref="RateLimitPartitionKeys.ForCaller"/>.
    /// <paramref name="settings"/> is read from configuration when first needed (so test hosts can override it).
    /// Needs an <see cref="IConnectionMultiplexer"/> (<c>AddRedisClient</c>).
    /// </summary>
    public static TBuilder AddRedisRateLimiter<TBuilder>(this TBuilder builder, string policyName, Func<IConfiguration, RedisRateLimitSettings> settings)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddKeyedSingleton(policyName, (sp, _) => settings(sp.GetRequiredService<IConfiguration>()).Validate());
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejectionAsync;
            options.AddPolicy(policyName, context =>
            {
                var services = context.RequestServices;
                var policy = services.GetRequiredKeyedService<RedisRateLimitSettings>(policyName);
                return RateLimitPartition.Get(RateLimitPartitionKeys.ForCaller(context), key => new RedisFixedWindowRateLimiter(
                    $"{policyName}:{key}",
                    policy,
                    services.GetRequiredService<IConnectionMultiplexer>(),
                    services.GetRequiredService<ILoggerFactory>().CreateLogger<RedisFixedWindowRateLimiter>(),
                    services.GetRequiredService<TimeProvider>()));
            });
        });
        return builder;
    }

    /// <summary>The default key prefix for a service: its replicas share counts, other services do not.</summary>
    public static string DefaultKeyPrefix(IHostEnvironment environment) => $"ratelimit:{environment.ApplicationName}:";

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        if (context.Lease.TryGetMetadata(RedisRateLimitLease.LimitMetadataName, out var limit))
        {
            response.Headers[RedisRateLimitLease.LimitMetadataName] = Convert.ToString(limit, CultureInfo.InvariantCulture);
        }
        if (context.Lease.TryGetMetadata(RedisRateLimitLease.RemainingMetadataName, out var remaining))
        {
            response.Headers[RedisRateLimitLease.RemainingMetadataName] = Convert.ToString(remaining, CultureInfo.InvariantCulture);
        }

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = "The rate limit for this caller was exceeded; retry after the number of seconds in Retry-After.",
            Type = "https://tools.ietf.org/html/rfc6585#section-4",
        };
        var writer = context.HttpContext.RequestServices.GetService<IProblemDetailsService>();
        if (writer is null || !await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = context.HttpContext, ProblemDetails = problem }))
        {
            await response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
        }
    }
}
