namespace VitaSense.Tracking.Apis;

/// <summary>Maps the insights' endpoints: goals and analytics.</summary>
public static class InsightsApis
{
    /// <summary>Maps every insights endpoint.</summary>
    public static IEndpointRouteBuilder MapInsightsApis(this IEndpointRouteBuilder app)
    {
        app.MapGoalsApi();
        app.MapSleepAnalysisApi();
        app.MapAnalyticsApi();
        return app;
    }
}
