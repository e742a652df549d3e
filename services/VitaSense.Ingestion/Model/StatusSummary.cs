using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model;

/// <summary>Every device of the caller with its latest status (<c>GET /status/summary</c>).</summary>
/// <param name="Devices">One entry per device, ordered by id.</param>
public sealed record StatusSummary([property: JsonPropertyName("devices")] IReadOnlyList<DeviceSummary> Devices)
{
    /// <summary>Number of devices.</summary>
    [JsonPropertyName("total_devices")] public int TotalDevices => Devices.Count;

    /// <summary>Devices whose latest status is online.</summary>
    [JsonPropertyName("online_devices")] public int OnlineDevices => Devices.Count(d => d.Online);

    /// <summary>Devices whose latest status is offline.</summary>
    [JsonPropertyName("offline_devices")] public int OfflineDevices => Devices.Count(d => !d.Online);
}

/// <summary>One device in the summary.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="BatteryLevel">Battery percent.</param>
/// <param name="Online">Online flag.</param>
/// <param name="LastUpdate">The latest report's timestamp.</param>
public sealed record DeviceSummary(
    [property: JsonPropertyName("device_id")] string DeviceId,
    [property: JsonPropertyName("battery_level")] int BatteryLevel,
    [property: JsonPropertyName("online")] bool Online,
    [property: JsonPropertyName("last_update")] DateTime LastUpdate);
