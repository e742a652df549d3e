using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model;

/// <summary>A device's latest status (<c>GET /status/{device_id}</c>); times are UTC.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Timestamp">When the device measured it.</param>
/// <param name="BatteryLevel">Battery percent.</param>
/// <param name="Rssi">Signal in dBm.</param>
/// <param name="Online">Online flag.</param>
/// <param name="LastUpdated">When VitaSense stored it.</param>
public sealed record DeviceStatusView(
    [property: JsonPropertyName("device_id")] string DeviceId,
    [property: JsonPropertyName("timestamp")] DateTime Timestamp,
    [property: JsonPropertyName("battery_level")] int BatteryLevel,
    [property: JsonPropertyName("rssi")] int Rssi,
    [property: JsonPropertyName("online")] bool Online,
    [property: JsonPropertyName("last_updated")] DateTime LastUpdated);
