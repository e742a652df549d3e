using VitaSense.Tracking.Infrastructure;
using VitaSense.Tracking.Services.Analytics;
using VitaSense.Tracking.Services.Goals;

namespace VitaSense.Tracking.Extensions;

/// <summary>Wiring of the insights: goals and progress, analytics.</summary>
public static class InsightsExtensions
{
    /// <summary>Adds the goal evaluator, analytics and the anomalies consumer.</summary>
    public static IHostApplicationBuilder AddInsightsServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<InsightsProfileStore>();
        services.AddSingleton<InsightsSeriesStore>();
        services.AddSingleton<GoalStore>();
        services.AddSingleton<GoalAchievementStore>();
        services.AddSingleton<GoalProgressService>();
        services.AddSingleton<AnalyticsSleepStore>();
        services.AddSingleton<AnalyticsAnomalyStore>();
        services.AddSingleton<AnalyticsService>();
        services.Configure<AnomalyConsumerOptions>(builder.Configuration.GetSection(AnomalyConsumerOptions.Section));
        services.AddHostedService<AnomalyConsumer>();
        services.Configure<GoalEvaluationOptions>(builder.Configuration.GetSection(GoalEvaluationOptions.Section));
        services.AddHostedService<GoalEvaluator>();
        return builder;
    }
}
