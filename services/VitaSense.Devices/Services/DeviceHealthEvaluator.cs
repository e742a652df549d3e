using System.Globalization;
using Microsoft.Extensions.Options;
using VitaSense.Devices.Model;

namespace VitaSense.Devices.Services;

/// <summary>
/// Computes a device's health at read time from what was last reported and the clock: a device silent for longer
/// than its expected interval is offline without any message saying so.
/// </summary>
public sealed class DeviceHealthEvaluator(TimeProvider time, IOptions<RegistryOptions> options)
{
    // Judged both here, from the battery level, and by the agents, from the stream of reports.
    private const string LowBattery = "low_battery";

    /// <summary>
    /// How long a device may stay silent before it counts as offline: <see cref="RegistryOptions.OfflineAfterIntervals"/>
    /// sync intervals, at least <see cref="RegistryOptions.MinOfflineMinutes"/>.
    /// </summary>
    public TimeSpan ExpectedInterval(Device device)
    {
        var settings = options.Value;
        return TimeSpan.FromMinutes(Math.Max(settings.OfflineAfterIntervals * device.SyncSettings.SyncIntervalMinutes, settings.MinOfflineMinutes));
    }

    /// <summary>The health of the snapshot's device now.</summary>
    public DeviceHealthView Evaluate(DeviceSnapshot snapshot)
    {
        var settings = options.Value;
        var device = snapshot.Device;
        var now = time.GetUtcNow();
        var errors = new List<HealthIssue>();
        var warnings = new List<HealthIssue>();

        string status;
        if (device.LastSeen is not { } lastSeen)
        {
            status = DeviceHealthView.Unknown;
        }
        else if (now - lastSeen > ExpectedInterval(device))
        {
            status = DeviceHealthView.Offline;
            warnings.Add(new HealthIssue("not_reporting",
                $"Nothing has arrived from the device since {lastSeen.ToString("u", CultureInfo.InvariantCulture)}, longer than its expected interval of {ExpectedInterval(device).TotalMinutes:0} minutes.",
                lastSeen));
        }
        else
        {
            status = device.ReportedOnline == false ? DeviceHealthView.Offline : DeviceHealthView.Online;
        }

        if (device.BatteryLevel is { } battery && battery < settings.LowBatteryPercent)
        {
            warnings.Add(new HealthIssue(LowBattery, $"Battery at {battery}% (below {settings.LowBatteryPercent}%)."));
        }
        if (device.SignalStrength is SignalStrength.Poor or SignalStrength.None)
        {
            warnings.Add(new HealthIssue("poor_signal", $"Signal strength is {device.SignalStrength}."));
        }
        if (device.SyncStatus == "failed")
        {
            errors.Add(new HealthIssue("sync_failed", "The last sync failed.", device.LastSync));
        }

        // The newest anomaly of each type within the window; older ones of the same type add nothing.
        var since = now.AddHours(-settings.AlertWindowHours);
        foreach (var alert in snapshot.Alerts.Where(a => a.DetectedAt >= since).OrderByDescending(a => a.DetectedAt).DistinctBy(a => a.AnomalyType))
        {
            var issue = new HealthIssue(alert.AnomalyType, alert.Description, alert.DetectedAt);
            var critical = alert.Severity == "critical";
            if (alert.AnomalyType == LowBattery && device.BatteryLevel is { } level)
            {
                // The battery as last reported decides: the agents' anomaly adds nothing to the registry's own warning
                // unless it is critical, and a battery charged since is no longer low.
                var own = warnings.FindIndex(w => w.Type == LowBattery);
                if ((own < 0 && level >= settings.LowBatteryPercent) || (own >= 0 && !critical))
                {
                    continue;
                }
                if (own >= 0)
                {
                    warnings.RemoveAt(own);
                }
            }
            (critical ? errors : warnings).Add(issue);
        }

        return new DeviceHealthView
        {
            DeviceId = device.DeviceId,
            DeviceName = device.DeviceName,
            Status = status,
            LastSeen = device.LastSeen,
            BatteryLevel = device.BatteryLevel,
            SignalStrength = device.SignalStrength,
            SyncStatus = device.SyncStatus,
            LastSync = device.LastSync,
            NextSync = device.NextSync,
            Errors = errors,
            Warnings = warnings,
        };
    }

    /// <summary>The summary of <paramref name="snapshots"/>.</summary>
    public DeviceHealthSummary Summarize(IReadOnlyList<DeviceSnapshot> snapshots)
    {
        var devices = snapshots.Select(Evaluate).ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [DeviceHealthView.Online] = 0,
            [DeviceHealthView.Offline] = 0,
            [DeviceHealthView.Unknown] = 0,
        };
        foreach (var device in devices)
        {
            counts[device.Status]++;
        }
        return new DeviceHealthSummary(devices.Count, counts, devices.Count(d => d.Errors.Count > 0), devices.Count(d => d.Warnings.Count > 0), devices);
    }
}
