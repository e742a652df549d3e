using System.Text.Json;
using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model.DeviceData;

/// <summary>
/// Body of <c>POST /api/v1/devices/{device_id}/data</c>, as documented; the endpoint reads it with
/// <see cref="DeviceUploadParser"/> so that every field error can be named.
/// </summary>
/// <param name="DataType">The metric, such as <c>heart_rate</c>, <c>blood_pressure</c> or <c>step_count</c> (spelling variants accepted).</param>
/// <param name="Timestamp">ISO 8601 with an offset; the time of readings that carry none.</param>
/// <param name="Values">The readings, at most <see cref="DeviceDataOptions.MaxValues"/>.</param>
/// <param name="Metadata">Anything about the upload (source, accuracy, battery level...); kept with the readings when small.</param>
public sealed record DeviceDataUpload(
    [property: JsonPropertyName("data_type")] string DataType,
    [property: JsonPropertyName("timestamp")] DateTimeOffset? Timestamp,
    [property: JsonPropertyName("values")] IReadOnlyList<DeviceDataValue> Values,
    [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, JsonElement>? Metadata);
