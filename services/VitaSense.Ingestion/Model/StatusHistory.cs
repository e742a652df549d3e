using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model;

/// <summary>A device's past reports, newest first (<c>GET /status/{device_id}/history</c>).</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="History">The reports returned.</param>
/// <param name="HasMore">Whether older reports exist beyond <c>limit</c>.</param>
public sealed record StatusHistory(
    [property: JsonPropertyName("device_id")] string DeviceId,
    [property: JsonPropertyName("history")] IReadOnlyList<StatusHistoryEntry> History,
    [property: JsonPropertyName("has_more")] bool HasMore)
{
    /// <summary>Number of reports returned.</summary>
    [JsonPropertyName("total_records")] public int TotalRecords => History.Count;
}

/// <summary>One past report.</summary>
/// <param name="Timestamp">When the device measured it (UTC).</param>
/// <param name="BatteryLevel">Battery percent.</param>
/// <param name="Rssi">Signal in dBm.</param>
/// <param name="Online">Online flag.</param>
public sealed record StatusHistoryEntry(
    [property: JsonPropertyName("timestamp")] DateTime Timestamp,
    [property: JsonPropertyName("battery_level")] int BatteryLevel,
    [property: JsonPropertyName("rssi")] int Rssi,
    [property: JsonPropertyName("online")] bool Online);
