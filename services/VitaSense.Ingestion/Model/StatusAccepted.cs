using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model;

/// <summary>The answer to an accepted <c>POST /status</c>.</summary>
/// <param name="DeviceId">The device.</param>
public sealed record StatusAccepted([property: JsonPropertyName("device_id"), JsonPropertyOrder(3)] string DeviceId)
{
    /// <summary>Always <c>success</c>.</summary>
    [JsonPropertyName("status"), JsonPropertyOrder(1)] public string Status => "success";

    /// <summary>Always the specification's sentence.</summary>
    [JsonPropertyName("message"), JsonPropertyOrder(2)] public string Message => "Device status updated successfully";
}
