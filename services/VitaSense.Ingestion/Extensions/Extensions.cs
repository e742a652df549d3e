using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VitaSense.Ingestion.Apis;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Infrastructure.Observations;
using VitaSense.Ingestion.Infrastructure.RawIngestions;
using VitaSense.Ingestion.Model;
using VitaSense.Ingestion.Model.DeviceData;
using VitaSense.Ingestion.Model.Sync;
using VitaSense.Ingestion.Services;
using VitaSense.Ingestion.Services.Devices;
using VitaSense.Ingestion.Services.Sync;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.ServiceDefaults.Data;
using VitaSense.ServiceDefaults.Messaging.Consumers;
using VitaSense.ServiceDefaults.Outbox;
using VitaSense.ServiceDefaults.RateLimiting;

namespace VitaSense.Ingestion.Extensions;

/// <summary>The ingestion service's wiring.</summary>
public static class Extensions
{
    /// <summary>This service's database schema.</summary>
    public const string Schema = "ingestion";

    /// <summary>Default <c>/status</c> requests per window per caller.</summary>
    public const int DefaultStatusPermitLimit = 6000;

    /// <summary>Default <c>/status</c> rate-limit window, seconds.</summary>
    public const int DefaultStatusWindowSeconds = 60;

    /// <summary>
    /// Storage (PostgreSQL schema <c>ingestion</c>, migrated at start-up, monthly history partitions, outbox relay to
    /// Kafka), Redis (latest-status cache, rate limits), the group-commit writer, API keys and OpenAPI.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DeviceStatusOptions>()
            .BindConfiguration(DeviceStatusOptions.SectionName)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                // The specification's switch; either setting can turn authentication off.
                if (!configuration.GetValue("ENABLE_AUTH", true))
                {
                    options.RequireAuthentication = false;
                }
            });

        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.SectionName);

        builder.AddNpgsqlDataSource();
        builder.AddRedisClient();
        services.AddSchemaMigrations(Schema, typeof(Extensions).Assembly);
        services.AddMonthlyPartitions(new MonthlyPartitionedTable(Schema, "device_status_history", "timestamp", MonthsBehind: 1, MonthsAhead: 3));
        // A first Health Auto Export sync brings years of history: those months get partitions too.
        var monthsBehind = builder.Configuration.GetValue<int?>($"{SyncOptions.SectionName}:{nameof(SyncOptions.PartitionMonthsBehind)}") ?? new SyncOptions().PartitionMonthsBehind;
        foreach (var table in ObservationTables.Partitioned)
        {
            services.AddMonthlyPartitions(new MonthlyPartitionedTable(Schema, table, "observed_at", monthsBehind, MonthsAhead: 3));
        }
        services.AddMonthlyPartitions(new MonthlyPartitionedTable(Schema, "raw_ingestion_chunks", "received_at", MonthsBehind: 1, MonthsAhead: 3));
        services.AddMonthlyPartitions(new MonthlyPartitionedTable(Schema, "audit_log", "occurred_at", MonthsBehind: 1, MonthsAhead: 3));
        builder.AddOutbox(new OutboxRelayOptions(Schema));

        builder.AddRedisRateLimiter(DeviceStatusApi.RateLimitPolicy, configuration => new RedisRateLimitSettings(
            configuration.GetValue<int?>("RateLimiting:Status:PermitLimit") ?? configuration.GetValue<int?>("RATE_LIMIT_REQUESTS") ?? DefaultStatusPermitLimit,
            TimeSpan.FromSeconds(configuration.GetValue<int?>("RateLimiting:Status:WindowSeconds") ?? configuration.GetValue<int?>("RATE_LIMIT_WINDOW") ?? DefaultStatusWindowSeconds),
            RedisRateLimitingExtensions.DefaultKeyPrefix(builder.Environment)));

        builder.AddRedisRateLimiter(SyncApi.RateLimitPolicy, configuration => new RedisRateLimitSettings(
            configuration.GetValue<int?>($"{SyncOptions.SectionName}:{nameof(SyncOptions.RequestsPerHour)}") ?? new SyncOptions().RequestsPerHour,
            TimeSpan.FromHours(1),
            RedisRateLimitingExtensions.DefaultKeyPrefix(builder.Environment)));

        builder.AddRedisRateLimiter(DeviceDataApi.RateLimitPolicy, configuration => new RedisRateLimitSettings(
            configuration.GetValue<int?>($"{DeviceDataOptions.SectionName}:{nameof(DeviceDataOptions.RequestsPerMinute)}") ?? new DeviceDataOptions().RequestsPerMinute,
            TimeSpan.FromMinutes(1),
            RedisRateLimitingExtensions.DefaultKeyPrefix(builder.Environment)));

        services.AddSingleton<StreamRegistry>();
        services.AddSingleton<RawIngestionStore>();
        services.AddSingleton<HealthExportIngestor>();
        services.AddSingleton<SyncByteBudget>();
        services.AddSingleton<IngestionStatsStore>();
        services.AddSingleton<IngestionMetrics>();

        // Device data upload: owner-checked against the device → owner map kept from lifecycle events.
        services.AddOptions<DeviceDataOptions>().BindConfiguration(DeviceDataOptions.SectionName);
        services.AddSingleton<DeviceOwnerStore>();
        services.AddSingleton<DeviceDataStore>();
        services.AddSingleton<DeviceDataIngestor>();
        services.AddSingleton<DeviceOwnerConsumer>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceOwnerConsumer>());
        // Degraded, not unhealthy: uploads of already known devices still work while owner changes cannot arrive.
        services.AddHealthChecks().AddCheck<CloudEventConsumerHealthCheck<DeviceOwnerConsumer>>("device-owner-consumer", failureStatus: HealthStatus.Degraded);

        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<ApiKeyStore>());
        services.AddSingleton<ApiKeyUsageRecorder>();
        services.AddSingleton<DeviceStatusStore>();
        services.AddSingleton<LatestStatusCache>();
        services.AddSingleton<DeviceStatusBatchWriter>();
        services.AddSingleton<DeviceStatusWriteQueue>();
        services.AddHostedService<DeviceStatusWriter>();

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationResultHandler>();
        services.AddAuthorizationBuilder()
            // Without a sub a caller has no rows of its own; it must never fall back to "anonymous".
            .AddPolicy(DeviceStatusApi.AuthorizationPolicy, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(VitaSenseClaims.Subject))
            .AddPolicy(ApiKeysApi.PersonPolicy, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(VitaSenseClaims.Subject)
                .RequireAssertion(context => !context.User.HasClaim(c => c.Type == VitaSenseClaims.ApiKeyId)));

        services.AddOpenApi();
        return builder;
    }
}
