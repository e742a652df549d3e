using System.Text.Json.Serialization;

namespace VitaSense.Devices.Model;

/// <summary>One page of the caller's devices, oldest registration first.</summary>
/// <param name="Items">The devices of this page.</param>
/// <param name="Total">How many devices match the filters in all.</param>
/// <param name="Limit">The page size asked for.</param>
/// <param name="Offset">How many matching devices precede this page.</param>
public sealed record DevicePage(
    [property: JsonPropertyName("items")] IReadOnlyList<DeviceView> Items,
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("offset")] int Offset);
