using System.Text.Json.Serialization;

namespace VitaSense.Contracts.Events;

/// <summary>A device was registered, updated or unregistered; lets other services keep a device → owner map.</summary>
public sealed record DeviceLifecycleChanged
{
    /// <summary><c>registered</c>, <c>updated</c> or <c>unregistered</c>.</summary>
    [JsonPropertyName("change")] public required string Change { get; init; }

    /// <summary>The device.</summary>
    [JsonPropertyName("device_id")] public required string DeviceId { get; init; }

    /// <summary>Its owner.</summary>
    [JsonPropertyName("user_id")] public required string UserId { get; init; }

    /// <summary>The device type, such as <c>smartwatch</c>.</summary>
    [JsonPropertyName("device_type")] public string? DeviceType { get; init; }

    /// <summary>When the change happened.</summary>
    [JsonPropertyName("occurred_at")] public required DateTimeOffset OccurredAt { get; init; }
}
