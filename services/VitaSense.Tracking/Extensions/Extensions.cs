using Microsoft.Extensions.DependencyInjection.Extensions;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.ServiceDefaults.Data;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Tracking.Extensions;

/// <summary>The tracking service's wiring.</summary>
public static class Extensions
{
    /// <summary>This service's database schema.</summary>
    public const string Schema = "tracking";

    /// <summary>The authorization policy of every endpoint: an authenticated caller with a subject.</summary>
    public const string UserPolicy = "tracking-user";

    /// <summary>
    /// Storage (PostgreSQL schema <c>tracking</c>, migrated at start-up, monthly partitions, outbox relay to Kafka),
    /// Redis, the records (<see cref="RecordsExtensions"/>: activities, metrics, sleep, heart rate, profile, the
    /// processed stream) and the insights (<see cref="InsightsExtensions"/>: goals and analytics).
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        builder.AddNpgsqlDataSource();
        builder.AddRedisClient();
        services.AddSchemaMigrations(Schema, typeof(Extensions).Assembly);
        // Device history synced on a first connection goes back years: those months get partitions too.
        var monthsBehind = builder.Configuration.GetValue("Tracking:PartitionMonthsBehind", 24);
        services.AddMonthlyPartitions(new MonthlyPartitionedTable(Schema, "metrics", "recorded_at", monthsBehind, MonthsAhead: 3));
        services.AddMonthlyPartitions(new MonthlyPartitionedTable(Schema, "heart_rate_samples", "recorded_at", monthsBehind, MonthsAhead: 3));
        builder.AddOutbox(new OutboxRelayOptions(Schema));

        services.AddAuthorizationBuilder()
            // Without a sub a caller has no records of its own; it must never fall back to "anonymous".
            .AddPolicy(UserPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(VitaSenseClaims.Subject));

        builder.AddRecordsServices();
        builder.AddInsightsServices();
        services.AddOpenApi();
        return builder;
    }
}
