using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model;

/// <summary>
/// The body of <c>POST /status</c>, for the OpenAPI document only: the endpoint parses the body itself
/// (<see cref="DeviceStatusParser"/>) to tell missing fields from invalid ones.
/// </summary>
public sealed record DeviceStatusRequest
{
    /// <summary>The device's identifier (1 to 255 printable characters).</summary>
    [JsonPropertyName("device_id")] public required string DeviceId { get; init; }

    /// <summary>ISO 8601 time with a UTC offset, at most five minutes in the future.</summary>
    [JsonPropertyName("timestamp")] public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Battery charge, integer 0 to 100.</summary>
    [JsonPropertyName("battery_level")] public required int BatteryLevel { get; init; }

    /// <summary>Signal strength in dBm, integer -120 to 0.</summary>
    [JsonPropertyName("rssi")] public required int Rssi { get; init; }

    /// <summary>Whether the device is online.</summary>
    [JsonPropertyName("online")] public required bool Online { get; init; }
}
