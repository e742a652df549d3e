using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model;

/// <summary>Body of <c>POST /api/v1/api-keys</c>.</summary>
/// <param name="Name">A label for the key (1 to 100 characters).</param>
/// <param name="DeviceId">Limit the key to this device; omit for a key that acts for all the user's devices.</param>
public sealed record CreateApiKeyRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("device_id")] string? DeviceId);

/// <summary>A newly created key: the only time the full secret is shown.</summary>
/// <param name="Id">The key's public id.</param>
/// <param name="Key">The full key, <c>vsk_{id}_{secret}</c>; store it now, it cannot be shown again.</param>
/// <param name="Name">Its label.</param>
/// <param name="DeviceId">The device it is limited to, or null.</param>
/// <param name="UserId">The user it acts for.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
public sealed record CreatedApiKey(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("device_id")] string? DeviceId,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt);

/// <summary>A key as listed: never its secret or hash.</summary>
/// <param name="Id">The key's public id.</param>
/// <param name="Name">Its label.</param>
/// <param name="DeviceId">The device it is limited to, or null.</param>
/// <param name="UserId">The user it acts for.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="LastUsedAt">Roughly when it last authenticated a request (recorded at most once a minute).</param>
public sealed record ApiKeySummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("device_id")] string? DeviceId,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("revoked_at")] DateTime? RevokedAt,
    [property: JsonPropertyName("last_used_at")] DateTime? LastUsedAt);
