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

    /// <summary>Settings of the data quality agent.</summary>
    public DataQualityOptions Quality { get; set; } = new();
}
