using Microsoft.Extensions.Diagnostics.HealthChecks;
using VitaSense.Devices.Infrastructure;
using VitaSense.Devices.Model;
using VitaSense.Devices.Services;
using VitaSense.ServiceDefaults.Data;
using VitaSense.ServiceDefaults.Messaging.Consumers;

namespace VitaSense.Devices.Extensions;

/// <summary>Wiring of the device registry and device health.</summary>
public static class RegistryExtensions
{
    /// <summary>
    /// Adds the registry's stores, the Redis device cache, health evaluation, the health consumer (with its health
    /// check), the monthly partitions of <c>devices.device_health_history</c> and the pruning of consumed event ids.
    /// </summary>
    public static IHostApplicationBuilder AddRegistryServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.SectionName);
        services.AddMonthlyPartitions(new MonthlyPartitionedTable(Extensions.Schema, "device_health_history", "timestamp", MonthsBehind: 1, MonthsAhead: 3));

        services.AddSingleton<DeviceStore>();
        services.AddSingleton<DeviceHealthStore>();
        services.AddSingleton<DeviceCache>();
        services.AddSingleton<DeviceLookup>();
        services.AddSingleton<DeviceHealthEvaluator>();
        services.AddSingleton<DeviceAnalyticsStore>();
        services.AddSingleton<DeviceDataPurger>();
        services.AddHostedService<RegistryMaintenance>();

        services.AddSingleton<DeviceHealthConsumer>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceHealthConsumer>());
        // Degraded, not unhealthy: the registry works while health stops updating.
        services.AddHealthChecks().AddCheck<CloudEventConsumerHealthCheck<DeviceHealthConsumer>>("device-health-consumer", failureStatus: HealthStatus.Degraded);
        return builder;
    }
}
