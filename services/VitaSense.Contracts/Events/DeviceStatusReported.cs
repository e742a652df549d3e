using System.Text.Json.Serialization;

namespace VitaSense.Contracts.Events;

/// <summary>A device status update accepted and committed by ingestion.</summary>
public sealed record DeviceStatusReported
{
    /// <summary>Owner of the device (the API key's or token's user).</summary>
    [JsonPropertyName("user_id")] public required string UserId { get; init; }

    /// <summary>The device's own identifier.</summary>
    [JsonPropertyName("device_id")] public required string DeviceId { get; init; }

    /// <summary>When the device measured this status.</summary>
    [JsonPropertyName("timestamp")] public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Battery charge, 0 to 100 percent.</summary>
    [JsonPropertyName("battery_level")] public required int BatteryLevel { get; init; }

    /// <summary>Received signal strength in dBm.</summary>
    [JsonPropertyName("rssi")] public required int Rssi { get; init; }

    /// <summary>Whether the device reports itself online.</summary>
    [JsonPropertyName("online")] public required bool Online { get; init; }
}
