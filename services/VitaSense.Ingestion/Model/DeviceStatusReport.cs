namespace VitaSense.Ingestion.Model;

/// <summary>A validated status report as a device sent it; <see cref="Timestamp"/> is UTC, truncated to microseconds (PostgreSQL's precision).</summary>
/// <param name="DeviceId">The device's identifier, trimmed.</param>
/// <param name="Timestamp">When the device measured it.</param>
/// <param name="BatteryLevel">0 to 100 percent.</param>
/// <param name="Rssi">Signal strength in dBm, -120 to 0.</param>
/// <param name="Online">Whether the device reports itself online.</param>
public sealed record DeviceStatusReport(string DeviceId, DateTimeOffset Timestamp, int BatteryLevel, int Rssi, bool Online);
