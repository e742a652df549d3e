using System.Text.Json.Serialization;

namespace VitaSense.Devices.Integrations;

/// <summary>
/// One reading mapped from a vendor's payload, in VitaSense's vocabulary and units: <see cref="DataType"/> is an
/// ingestion metric name (<c>heart_rate</c>, <c>step_count</c>, <c>weight_body_mass</c>...), <see cref="Unit"/> its
/// canonical unit (<c>count/min</c>, <c>count</c>, <c>kg</c>, <c>mg/dL</c>, <c>%</c>, <c>degC</c>, <c>km</c>,
/// <c>kcal</c>, <c>hr</c>, <c>min</c>, <c>ms</c>). <see cref="Value"/> is a number, or an object for
/// blood pressure (<c>systolic</c>, <c>diastolic</c>) and interval heart rate (<c>avg</c>, <c>min</c>, <c>max</c>).
/// </summary>
public sealed record VendorReading(
    [property: JsonIgnore] string DataType,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("value")] object Value,
    [property: JsonPropertyName("unit")] string Unit)
{
    /// <summary>The vendor's own quality or status flag, when it has one.</summary>
    [JsonPropertyName("quality")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Quality { get; init; }
}
