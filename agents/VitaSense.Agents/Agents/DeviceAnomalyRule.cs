using System.Globalization;
using VitaSense.Agents.Model;
using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Agents;

/// <summary>
/// Finds device anomalies in a status report, given what was known about the device before. Pure: no I/O, no clock.
/// <list type="bullet">
/// <item><c>low_battery</c> when the battery falls into a worse band (below the low threshold: warning; below the
/// critical one: critical). Staying in a band does not repeat the alert; charging back to normal re-arms it.</item>
/// <item><c>device_offline</c> when a device that was online reports offline, or is first seen offline. Coming back
/// online re-arms it.</item>
/// </list>
/// A report older than the last one seen for the device is out of order: it yields nothing and changes nothing.
/// </summary>
public sealed class DeviceAnomalyRule(int lowBatteryThreshold, int criticalBatteryThreshold)
{
    /// <summary>Evaluates <paramref name="status"/> against <paramref name="previous"/> (null for a device not seen before).</summary>
    public AnomalyEvaluation Evaluate(DeviceStatusReported status, DeviceState? previous)
    {
        if (previous is not null && status.Timestamp < previous.ObservedAt)
        {
            return new AnomalyEvaluation([], previous);
        }

        var findings = new List<AnomalyFinding>(2);
        var band = BandOf(status.BatteryLevel);
        if (band > (previous?.Battery ?? BatteryBand.Normal))
        {
            var critical = band == BatteryBand.Critical;
            var threshold = critical ? criticalBatteryThreshold : lowBatteryThreshold;
            findings.Add(new AnomalyFinding(
                AnomalyFinding.LowBattery,
                critical ? "critical" : "warning",
                string.Create(CultureInfo.InvariantCulture, $"Battery of device {status.DeviceId} is at {status.BatteryLevel}%, below {threshold}%."),
                new Dictionary<string, double> { ["battery_level"] = status.BatteryLevel, ["threshold"] = threshold }));
        }

        if (!status.Online && (previous is null || previous.Online))
        {
            findings.Add(new AnomalyFinding(
                AnomalyFinding.DeviceOffline,
                "warning",
                previous is null ? $"Device {status.DeviceId} was first seen offline." : $"Device {status.DeviceId} went offline.",
                new Dictionary<string, double> { ["battery_level"] = status.BatteryLevel, ["rssi"] = status.Rssi }));
        }

        return new AnomalyEvaluation(findings, new DeviceState(status.Online, band, status.Timestamp));
    }

    private BatteryBand BandOf(int batteryLevel) =>
        batteryLevel < criticalBatteryThreshold ? BatteryBand.Critical
        : batteryLevel < lowBatteryThreshold ? BatteryBand.Low
        : BatteryBand.Normal;
}
