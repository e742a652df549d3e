namespace VitaSense.Devices.Model;

/// <summary>
/// A device with its recent anomalies: everything its details and health are computed from, as cached. Health status
/// is not part of it: it depends on the clock and is computed at read time.
/// </summary>
/// <param name="Device">The device.</param>
/// <param name="Alerts">Its anomalies of the alert window, newest first.</param>
public sealed record DeviceSnapshot(Device Device, IReadOnlyList<DeviceAlert> Alerts);
