using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model.DeviceData;

/// <summary>Answer of <c>DELETE /api/v1/devices/{device_id}/data</c>.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Deleted">Readings removed.</param>
public sealed record DeviceDataDeleted(
    [property: JsonPropertyName("device_id")] string DeviceId,
    [property: JsonPropertyName("deleted")] long Deleted);
