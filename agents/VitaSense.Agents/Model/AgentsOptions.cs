using VitaSense.Agents.Calibration;

namespace VitaSense.Agents.Model;

/// <summary>Settings of the agents (configuration section <c>Agents</c>).</summary>
public sealed class AgentsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agents";

    /// <summary>Battery percentage below which a device is reported as <c>low_battery</c> (warning).</summary>
    public int LowBatteryThreshold { get; set; } = 20;

    /// <summary>Battery percentage below which <c>low_battery</c> is critical.</summary>
    public int CriticalBatteryThreshold { get; set; } = 5;

    /// <summary>How many devices' last known state are kept in memory; the least recently seen are forgotten first.</summary>
    public int DeviceStateCapacity { get; set; } = 100_000;

    /// <summary>How many recently processed event ids are remembered to skip redeliveries.</summary>
    public int ProcessedEventCapacity { get; set; } = 100_000;

    /// <summary>Battery loss (percentage points an hour) above which a device is reported as <c>battery_drain</c>.</summary>
    public double BatteryDrainThreshold { get; set; } = 10;

    /// <summary>The shortest stretch of reports a drain rate is measured over.</summary>
    public TimeSpan BatteryDrainMinSpan { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest stretch of reports a drain rate is measured over (older reports are forgotten).</summary>
    public TimeSpan BatteryDrainWindow { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Signal strength (dBm) below which a falling signal is reported as <c>signal_degradation</c>.</summary>
    public int SignalThreshold { get; set; } = -90;

    /// <summary>Consecutive online reports whose signal must fall for <c>signal_degradation</c>.</summary>
    public int SignalReports { get; set; } = 3;

    /// <summary>The shortest silence reported as <c>device_silent</c>.</summary>
    public TimeSpan SilenceThreshold { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A device is silent after this many of its usual intervals between events, when longer than the threshold.</summary>
    public double SilenceIntervalFactor { get; set; } = 3;

    /// <summary>How often silent devices are looked for.</summary>
    public TimeSpan SilenceCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Settings of the data quality agent.</summary>
    public DataQualityOptions Quality { get; set; } = new();

    /// <summary>Settings of the calibration agent.</summary>
    public CalibrationOptions Calibration { get; set; } = new();
}
