using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model.DeviceData;

/// <summary>Readings of one device, newest first (or the latest per data type).</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Data">The readings.</param>
/// <param name="Count">How many readings <paramref name="Data"/> holds.</param>
public sealed record DeviceDataPage(
    [property: JsonPropertyName("device_id")] string DeviceId,
    [property: JsonPropertyName("data")] IReadOnlyList<DeviceReading> Data,
    [property: JsonPropertyName("count")] int Count);
