using System.Text.Json.Serialization;

namespace VitaSense.Agents.Agents;

/// <summary>
/// The only fields of an <c>ObservationsIngested</c> event the device anomaly agent needs (whose device was heard
/// from): deserialising these alone skips the readings, which may be thousands.
/// </summary>
public sealed record ObservationsOrigin
{
    /// <summary>Owner of the readings.</summary>
    [JsonPropertyName("user_id")] public string? UserId { get; init; }

    /// <summary>The registered device, when known; readings of app sources without one do not count.</summary>
    [JsonPropertyName("device_id")] public string? DeviceId { get; init; }
}
