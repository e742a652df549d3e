namespace VitaSense.Agents.Model;

/// <summary>What the anomaly rule remembers about a device between status reports.</summary>
/// <param name="Online">Whether the device last reported itself online.</param>
/// <param name="Battery">The battery band of its last report.</param>
/// <param name="ObservedAt">The device's timestamp of that report.</param>
public sealed record DeviceState(bool Online, BatteryBand Battery, DateTimeOffset ObservedAt);
