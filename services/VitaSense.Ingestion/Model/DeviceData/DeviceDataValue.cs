using System.Text.Json;
using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model.DeviceData;

/// <summary>One reading of a <see cref="DeviceDataUpload"/>.</summary>
/// <param name="Timestamp">ISO 8601 with an offset (<c>Z</c> or <c>+02:00</c>); the upload's timestamp when omitted.</param>
/// <param name="Value">A number; for blood_pressure <c>{"systolic", "diastolic"}</c>, for heart_rate optionally <c>{"min", "avg", "max"}</c>.</param>
/// <param name="Unit">The unit of the value (converted to the metric's canonical unit); the canonical unit when omitted.</param>
/// <param name="Quality">The device's quality flag, such as <c>good</c>; kept as sent.</param>
public sealed record DeviceDataValue(
    [property: JsonPropertyName("timestamp")] DateTimeOffset? Timestamp,
    [property: JsonPropertyName("value")] JsonElement Value,
    [property: JsonPropertyName("unit")] string? Unit,
    [property: JsonPropertyName("quality")] string? Quality);
