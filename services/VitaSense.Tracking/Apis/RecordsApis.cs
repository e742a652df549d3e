namespace VitaSense.Tracking.Apis;

/// <summary>Maps the records' endpoints: activities, metrics, sleep, heart rate and the profile.</summary>
public static class RecordsApis
{
    /// <summary>Maps every records endpoint.</summary>
    public static IEndpointRouteBuilder MapRecordsApis(this IEndpointRouteBuilder app)
    {
        app.MapProfileApi();
        app.MapActivitiesApi();
        app.MapMetricsApi();
        app.MapHeartRateApi();
        app.MapSleepApi();
        return app;
    }
}
