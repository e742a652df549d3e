namespace VitaSense.Contracts;

/// <summary>Kafka topic names. Every producer and consumer names topics through these constants.</summary>
public static class Topics
{
    /// <summary>Raw readings and device status as accepted by ingestion; key = device id.</summary>
    public const string DeviceDataRaw = "device-data-raw";

    /// <summary>Readings after quality checks and calibration.</summary>
    public const string DeviceDataProcessed = "device-data-processed";

    /// <summary>Anomalies detected on devices and readings.</summary>
    public const string DeviceAnomalies = "device-anomalies";

    /// <summary>Data quality problems found by the agents.</summary>
    public const string DataQualityIssues = "data-quality-issues";

    /// <summary>Calibration status changes and applied corrections.</summary>
    public const string CalibrationEvents = "calibration-events";

    /// <summary>Device registered, updated and unregistered; key = device id.</summary>
    public const string DeviceLifecycle = "device-lifecycle";

    /// <summary>Sync health changes of a user's sources (frequency, latency, conflicts); key = device id or user:source.</summary>
    public const string SyncStatus = "sync-status";

    /// <summary>What happened in a user's tracking records, such as a goal reached; key = user id.</summary>
    public const string TrackingEvents = "tracking-events";

    /// <summary>Every topic the platform creates at start.</summary>
    public static readonly IReadOnlyList<string> All =
        [DeviceDataRaw, DeviceDataProcessed, DeviceAnomalies, DataQualityIssues, CalibrationEvents, DeviceLifecycle, SyncStatus, TrackingEvents];

    /// <summary>The dead-letter topic of a consumer group: messages it could not process go there.</summary>
    public static string DeadLetter(string consumerGroup) => $"{consumerGroup}.dead-letter";
}
