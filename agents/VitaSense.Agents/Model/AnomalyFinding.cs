namespace VitaSense.Agents.Model;

/// <summary>One anomaly a rule found in a status report.</summary>
/// <param name="AnomalyType">For example <c>low_battery</c>.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>critical</c>.</param>
/// <param name="Description">A sentence a person can read.</param>
/// <param name="Values">The measurements behind it.</param>
public sealed record AnomalyFinding(string AnomalyType, string Severity, string Description, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>Battery below a threshold.</summary>
    public const string LowBattery = "low_battery";

    /// <summary>A device went offline.</summary>
    public const string DeviceOffline = "device_offline";

    /// <summary>The battery loses charge faster than the drain threshold.</summary>
    public const string BatteryDrain = "battery_drain";

    /// <summary>The signal strength keeps falling and is below the signal threshold.</summary>
    public const string SignalDegradation = "signal_degradation";

    /// <summary>No status report or reading from the device for longer than expected.</summary>
    public const string DeviceSilent = "device_silent";

    /// <summary>The device's readings shifted against the user's reference device.</summary>
    public const string CalibrationDrift = "calibration_drift";
}
