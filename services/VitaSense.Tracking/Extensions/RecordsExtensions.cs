using Microsoft.Extensions.Diagnostics.HealthChecks;
using VitaSense.ServiceDefaults.Messaging.Consumers;
using VitaSense.Tracking.Infrastructure.Records;
using VitaSense.Tracking.Services.Stream;

namespace VitaSense.Tracking.Extensions;

/// <summary>Wiring of the records: activities, metrics, sleep, heart rate, the profile and the processed stream.</summary>
public static class RecordsExtensions
{
    /// <summary>Adds the records' stores and the stream materializer.</summary>
    public static IHostApplicationBuilder AddRecordsServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ProfileStore>();
        services.AddSingleton<ActivityStore>();
        services.AddSingleton<MetricStore>();
        services.AddSingleton<HeartRateStore>();
        services.AddSingleton<SleepStore>();
        services.AddSingleton<DeviceSleepStore>();
        services.AddSingleton<ProcessedObservationsConsumer>();
        services.AddHostedService(sp => sp.GetRequiredService<ProcessedObservationsConsumer>());
        services.AddHealthChecks().AddCheck<CloudEventConsumerHealthCheck<ProcessedObservationsConsumer>>("processed-observations-consumer", failureStatus: HealthStatus.Degraded);
        return builder;
    }
}
