using System.Text.Json;
using VitaSense.Agents.Agents;
using VitaSense.Agents.Infrastructure;
using VitaSense.Agents.Model;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Agents.Extensions;

/// <summary>The agents service's wiring.</summary>
public static class Extensions
{
    /// <summary>
    /// The device anomaly agent (a Kafka consumer of <c>device-data-raw</c>, group <c>agents</c>), its settings
    /// (section <c>Agents</c>), health checks (Kafka reachable, consumer running), JWT authentication for the operator
    /// endpoints, snake_case JSON and OpenAPI. No database yet.
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
            .ValidateOnStart();

        services.AddSingleton<DeviceAnomalyAgent>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceAnomalyAgent>());

        services.AddSingleton<KafkaHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<KafkaHealthCheck>("kafka", timeout: TimeSpan.FromSeconds(5))
            .AddCheck<ConsumerHealthCheck>("consumer");

        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddOpenApi();
        return builder;
    }
}
