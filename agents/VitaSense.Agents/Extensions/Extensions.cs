using System.Text.Json;
using VitaSense.Agents.Agents;
using VitaSense.Agents.Infrastructure;
using VitaSense.Agents.Model;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.ServiceDefaults.Data;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Agents.Extensions;

/// <summary>The agents service's wiring.</summary>
public static class Extensions
{
    /// <summary>
    /// The device anomaly agent (a Kafka consumer of <c>device-data-raw</c>, group <c>agents</c>), the data quality agent
    /// (same topic, group <c>agents-quality</c>), their settings (section <c>Agents</c>), health checks (Kafka reachable,
    /// each consumer running, PostgreSQL reachable), the data quality state store (PostgreSQL schema <c>agents</c>,
    /// migrated at start), JWT authentication for the operator endpoints, snake_case JSON and OpenAPI.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddDefaultAuthentication();

        services.AddOptions<AgentsOptions>()
            .Bind(builder.Configuration.GetSection(AgentsOptions.SectionName))
            .Validate(o => o.CriticalBatteryThreshold is >= 0 and <= 100 && o.LowBatteryThreshold is >= 0 and <= 100
                && o.CriticalBatteryThreshold <= o.LowBatteryThreshold, "Agents battery thresholds must be 0-100, critical <= low.")
            .Validate(o => o.DeviceStateCapacity > 0 && o.ProcessedEventCapacity > 0, "Agents capacities must be positive.")
            .Validate(o => o.Quality.StreamCapacity > 0 && o.Quality.UserCapacity > 0 && o.Quality.MinutesPerUser > 0
                && o.Quality.OutlierWindow > 0 && o.Quality.IntervalWindow > 0 && o.Quality.TimestampMemory > 0
                && o.Quality.OutlierThreshold > 0 && o.Quality.GapFactor > 1 && o.Quality.MaxInterpolatedPoints >= 0
                && o.Quality.CrossDeviceHeartRateTolerance >= 0, "Agents:Quality sizes and thresholds must be positive, GapFactor above 1.")
            .ValidateOnStart();

        builder.AddNpgsqlDataSource();
        services.AddSchemaMigrations(QualityStateStore.Schema, typeof(Extensions).Assembly);
        services.AddSingleton<QualityStateStore>();

        services.AddSingleton<DeviceAnomalyAgent>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceAnomalyAgent>());
        services.AddSingleton<DataQualityAgent>();
        services.AddHostedService(sp => sp.GetRequiredService<DataQualityAgent>());

        services.AddSingleton<KafkaHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<KafkaHealthCheck>("kafka", timeout: TimeSpan.FromSeconds(5))
            .AddCheck<ConsumerHealthCheck<DeviceAnomalyAgent>>("consumer")
            .AddCheck<ConsumerHealthCheck<DataQualityAgent>>("quality-consumer");

        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddOpenApi();
        return builder;
    }
}
