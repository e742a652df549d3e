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
}
