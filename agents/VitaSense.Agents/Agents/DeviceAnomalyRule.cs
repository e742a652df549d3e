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
/// <item><c>battery_drain</c> when the charge falls faster than <paramref name="drainThresholdPerHour"/> percentage
/// points an hour, measured from the oldest report since the last charge within <paramref name="drainWindow"/> and over
/// at least <paramref name="drainMinSpan"/> (a percent lost in a minute is rounding, not a drain). Charging, or the rate
/// falling below half the threshold, re-arms it.</item>
/// <item><c>signal_degradation</c> when the last <paramref name="signalReports"/> online reports' signal never rose,
/// fell overall and ended below <paramref name="signalThreshold"/> dBm. Recovering above the threshold re-arms it.</item>
/// </list>
/// A report older than the last one seen for the device is out of order: it yields nothing and changes nothing.
/// </summary>
public sealed class DeviceAnomalyRule(
    int lowBatteryThreshold,
    int criticalBatteryThreshold,
    double drainThresholdPerHour = 10,
    TimeSpan? drainMinSpan = null,
    TimeSpan? drainWindow = null,
    int signalThreshold = -90,
    int signalReports = 3)
{
    private const int MaxBatterySamples = 32;
    private readonly TimeSpan minSpan = drainMinSpan ?? TimeSpan.FromMinutes(15);
    private readonly TimeSpan window = drainWindow ?? TimeSpan.FromHours(3);

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

        var (samples, drainReported) = EvaluateDrain(status, previous, findings);
        var (rssi, signalReported) = EvaluateSignal(status, previous, findings);
        return new AnomalyEvaluation(findings, new DeviceState(status.Online, band, status.Timestamp)
        {
            BatterySamples = samples,
            DrainReported = drainReported,
            RecentRssi = rssi,
            SignalReported = signalReported,
        });
    }

    private (IReadOnlyList<BatterySample> Samples, bool Reported) EvaluateDrain(DeviceStatusReported status, DeviceState? previous, List<AnomalyFinding> findings)
    {
        var current = new BatterySample(status.Timestamp, status.BatteryLevel);
        var earlier = previous?.BatterySamples ?? [];
        if (earlier.Count == 0 || status.BatteryLevel > earlier[^1].Level)
        {
            // First report, or charging: the drain is measured afresh.
            return ([current], false);
        }

        var samples = earlier.Where(s => status.Timestamp - s.At <= window).Append(current).TakeLast(MaxBatterySamples).ToList();
        var first = samples[0];
        var span = status.Timestamp - first.At;
        var reported = previous!.DrainReported;
        if (samples.Count < 2 || span < minSpan)
        {
            return (samples, reported);
        }

        var rate = (first.Level - status.BatteryLevel) / span.TotalHours;
        if (rate > drainThresholdPerHour && !reported)
        {
            findings.Add(new AnomalyFinding(
                AnomalyFinding.BatteryDrain,
                "warning",
                string.Create(CultureInfo.InvariantCulture,
                    $"Battery of device {status.DeviceId} fell from {first.Level}% to {status.BatteryLevel}% in {span.TotalMinutes:0} minutes ({rate:0.#} points an hour, above {drainThresholdPerHour:0.#})."),
                new Dictionary<string, double>
                {
                    ["drain_rate_per_hour"] = Math.Round(rate, 2),
                    ["threshold"] = drainThresholdPerHour,
                    ["battery_level"] = status.BatteryLevel,
                    ["from_battery_level"] = first.Level,
                    ["hours"] = Math.Round(span.TotalHours, 3),
                }));
            return (samples, true);
        }
        return (samples, reported && rate >= drainThresholdPerHour / 2);
    }

    private (IReadOnlyList<int> Rssi, bool Reported) EvaluateSignal(DeviceStatusReported status, DeviceState? previous, List<AnomalyFinding> findings)
    {
        var earlier = previous?.RecentRssi ?? [];
        var reported = previous?.SignalReported ?? false;
        if (!status.Online)
        {
            // An offline device's signal says nothing about the link; device_offline covers it.
            return (earlier, reported);
        }

        var rssi = earlier.Append(status.Rssi).TakeLast(signalReports).ToList();
        if (status.Rssi >= signalThreshold)
        {
            return (rssi, false);
        }
        var trendingDown = rssi.Count == signalReports && rssi[^1] < rssi[0] && rssi.Zip(rssi.Skip(1)).All(p => p.Second <= p.First);
        if (trendingDown && !reported)
        {
            findings.Add(new AnomalyFinding(
                AnomalyFinding.SignalDegradation,
                "warning",
                string.Create(CultureInfo.InvariantCulture,
                    $"Signal of device {status.DeviceId} fell from {rssi[0]} to {status.Rssi} dBm over {rssi.Count} reports, below {signalThreshold} dBm."),
                new Dictionary<string, double> { ["rssi"] = status.Rssi, ["from_rssi"] = rssi[0], ["threshold"] = signalThreshold, ["reports"] = rssi.Count }));
            return (rssi, true);
        }
        return (rssi, reported);
    }

    private BatteryBand BandOf(int batteryLevel) =>
        batteryLevel < criticalBatteryThreshold ? BatteryBand.Critical
        : batteryLevel < lowBatteryThreshold ? BatteryBand.Low
        : BatteryBand.Normal;
}
