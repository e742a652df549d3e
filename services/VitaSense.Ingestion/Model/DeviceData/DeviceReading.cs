using System.Text.Json;
using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model.DeviceData;

/// <summary>One stored reading of a device, as the device data endpoints answer it.</summary>
/// <param name="DataType">Canonical metric name.</param>
/// <param name="Timestamp">When it was measured, in the offset it was sent with.</param>
/// <param name="Value">The value in <paramref name="Unit"/> when the reading is one number (heart rate: the average).</param>
/// <param name="Values">Structured values: <c>systolic</c>/<c>diastolic</c>, <c>min</c>/<c>avg</c>/<c>max</c>, <c>meal_time</c>...</param>
/// <param name="Unit">The canonical unit of the metric (or, for a metric VitaSense does not know, the unit it was sent in).</param>
/// <param name="Quality">The device's quality flag, when it sent one.</param>
public sealed record DeviceReading(
    [property: JsonPropertyName("data_type")] string DataType,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("value")] double? Value,
    [property: JsonPropertyName("values")] JsonElement? Values,
    [property: JsonPropertyName("unit")] string? Unit,
    [property: JsonPropertyName("quality")] string? Quality);
