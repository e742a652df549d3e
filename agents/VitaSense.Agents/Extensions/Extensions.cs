using System.Text.Json;
using VitaSense.Agents.Agents;
using VitaSense.Agents.Calibration;
using VitaSense.Agents.Infrastructure;
using VitaSense.Agents.Insights;
using VitaSense.Agents.Ml;
using VitaSense.Agents.Model;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.ServiceDefaults.Data;
using VitaSense.ServiceDefaults.Messaging.Consumers;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Agents.Extensions;

/// <summary>The agents service's wiring.</summary>
public static class Extensions
{
    /// <summary>
    /// The device anomaly agent (a Kafka consumer of <c>device-data-raw</c> and <c>calibration-events</c>, group
    /// <c>agents</c>), the data quality agent (<c>device-data-raw</c>, group <c>agents-quality</c>), the calibration agent
    /// (<c>device-data-processed</c>, group <c>agents-calibration</c>), the sync monitor (<c>device-data-raw</c>, group
    /// <c>agents-sync</c>), their settings (section <c>Agents</c>), health checks (Kafka reachable, each consumer running,
    /// PostgreSQL reachable), the data quality state and calibration stores (PostgreSQL schema <c>agents</c>, migrated at
    /// start), the insights recorder (anomalies, quality issues and daily values for the read endpoints, group
    /// <c>agents-insights</c>) with its Redis fan-out of live readings, JWT authentication, snake_case JSON and OpenAPI.
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
                && o.Quality.CrossDeviceHeartRateTolerance >= 0 && o.Quality.FlatlineMinReadings >= 2, "Agents:Quality sizes and thresholds must be positive, GapFactor above 1, FlatlineMinReadings at least 2.")
            .Validate(o => o.Quality.ModelStreamCapacity > 0 && o.Quality.ModelHistory > 0 && o.Quality.ModelRetrainEvery > 0
                && o.Quality.CalibrationRefresh >= TimeSpan.Zero && o.Quality.ModelRetrainInterval >= TimeSpan.Zero && o.Quality.StateFlushInterval > TimeSpan.Zero
                && o.Quality.FetchWaitMax > TimeSpan.Zero,
                "Agents:Quality model sizes, StateFlushInterval and FetchWaitMax must be positive, CalibrationRefresh and ModelRetrainInterval not negative.")
            .Validate(o => o.BatteryDrainThreshold > 0 && o.BatteryDrainMinSpan > TimeSpan.Zero && o.BatteryDrainWindow >= o.BatteryDrainMinSpan
                && o.SignalReports >= 2 && o.SilenceThreshold > TimeSpan.Zero && o.SilenceIntervalFactor >= 1
                && o.SilenceCheckInterval > TimeSpan.Zero, "Agents device health thresholds must be positive, SignalReports at least 2.")
            .Validate(o => o.Calibration.UserMetricCapacity > 0 && o.Calibration.MaxSourcesPerUserMetric >= 2 && o.Calibration.MinutesPerSource > 0
                && o.Calibration.MinPairs > 0 && o.Calibration.PairWindow >= o.Calibration.MinPairs && o.Calibration.DriftThreshold > 0
                && o.Calibration.ChangeThreshold > 0 && o.Calibration.MaxRelativeSpread > 0 && o.Calibration.MinConfidence is >= 0 and <= 1,
                "Agents:Calibration sizes and thresholds must be positive, PairWindow at least MinPairs.")
            .ValidateOnStart();

        builder.AddNpgsqlDataSource();
        services.AddSchemaMigrations(QualityStateStore.Schema, typeof(Extensions).Assembly);
        services.AddSingleton<QualityStateStore>();
        services.AddSingleton<CalibrationStore>();
        services.AddSingleton<InsightsStore>();
        services.AddSingleton<StreamModelStore>();
        services.AddSingleton<StreamModelRegistry>();
        services.AddSingleton<ICalibrationFactorLookup, CalibrationFactorLookup>();
        // Forecasts train two small tree ensembles: cached until the series changes or an hour passes.
        services.AddMemoryCache();
        // Live processed readings fan out through Redis pub/sub so any replica can serve /data/stream.
        builder.AddRedisClient();
        services.AddSingleton<ProcessedStreamHub>();

        services.AddSingleton<DeviceAnomalyAgent>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceAnomalyAgent>());
        services.AddSingleton<DataQualityAgent>();
        services.AddHostedService(sp => sp.GetRequiredService<DataQualityAgent>());
        services.AddSingleton<CalibrationAgent>();
        services.AddHostedService(sp => sp.GetRequiredService<CalibrationAgent>());
        services.AddSingleton<SyncMonitorAgent>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncMonitorAgent>());
        services.AddSingleton<InsightsRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<InsightsRecorder>());
        services.AddSingleton<InsightsRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<InsightsRetention>());

        services.AddSingleton<KafkaHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<KafkaHealthCheck>("kafka", timeout: TimeSpan.FromSeconds(5))
            .AddCheck<CloudEventConsumerHealthCheck<DeviceAnomalyAgent>>("consumer")
            .AddCheck<CloudEventConsumerHealthCheck<DataQualityAgent>>("quality-consumer")
            .AddCheck<CloudEventConsumerHealthCheck<CalibrationAgent>>("calibration-consumer")
            .AddCheck<CloudEventConsumerHealthCheck<SyncMonitorAgent>>("sync-consumer")
            .AddCheck<CloudEventConsumerHealthCheck<InsightsRecorder>>("insights-consumer");

        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddOpenApi();
        return builder;
    }
}
