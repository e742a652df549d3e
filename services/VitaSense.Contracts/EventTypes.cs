namespace VitaSense.Contracts;

/// <summary>CloudEvents <c>type</c> values, versioned: a breaking change to a payload is a new type.</summary>
public static class EventTypes
{
    /// <summary>A device reported its status (battery, signal, online). Data: <see cref="Events.DeviceStatusReported"/>.</summary>
    public const string DeviceStatusReported = "vitasense.devices.status-reported.v1";

    /// <summary>An agent detected an anomaly on a device. Data: <see cref="Events.DeviceAnomalyDetected"/>.</summary>
    public const string DeviceAnomalyDetected = "vitasense.devices.anomaly-detected.v1";

    /// <summary>A device was registered, updated or unregistered. Data: <see cref="Events.DeviceLifecycleChanged"/>.</summary>
    public const string DeviceLifecycleChanged = "vitasense.devices.lifecycle.v1";

    /// <summary>Readings newly stored by ingestion. Data: <see cref="Events.ObservationsIngested"/>.</summary>
    public const string ObservationsIngested = "vitasense.observations.ingested.v1";

    /// <summary>Readings after the data quality checks, with scores and flags. Data: <see cref="Events.ObservationsProcessed"/>.</summary>
    public const string ObservationsProcessed = "vitasense.observations.processed.v1";

    /// <summary>A data quality problem found in readings. Data: <see cref="Events.DataQualityIssueDetected"/>.</summary>
    public const string DataQualityIssue = "vitasense.quality.issue-detected.v1";

    /// <summary>A device's calibration factor or status changed. Data: <see cref="Events.CalibrationChanged"/>.</summary>
    public const string CalibrationChanged = "vitasense.calibration.changed.v1";

    /// <summary>A source's sync health changed (healthy, delayed, failing). Data: <see cref="Events.SyncStatusChanged"/>.</summary>
    public const string SyncStatusChanged = "vitasense.sync.status-changed.v1";

    /// <summary>A user's goal was reached in one of its periods (once per goal and period). Data: <see cref="Events.GoalAchieved"/>.</summary>
    public const string GoalAchieved = "vitasense.tracking.goal-achieved.v1";
}
