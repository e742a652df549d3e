using System.Text.Json.Serialization;

namespace VitaSense.Devices.Integrations;

/// <summary>One entry of <c>GET /api/v1/integrations</c>.</summary>
public sealed record IntegrationDescriptor(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("auth_type")] string AuthType,
    [property: JsonPropertyName("data_types")] IReadOnlyList<string> DataTypes,
    [property: JsonPropertyName("connected")] bool Connected,
    [property: JsonPropertyName("note")] string? Note);
