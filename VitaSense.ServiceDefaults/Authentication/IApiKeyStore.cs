namespace VitaSense.ServiceDefaults.Authentication;

/// <summary>A stored API key record: never the secret, only its Argon2id hash.</summary>
/// <param name="KeyId">Public identifier.</param>
/// <param name="UserId">The user the key acts for.</param>
/// <param name="DeviceId">The one device the key is limited to, if any.</param>
/// <param name="SecretHash">Argon2id PHC string of the secret.</param>
/// <param name="RevokedAt">When it was revoked; a revoked key never authenticates.</param>
public sealed record StoredApiKey(string KeyId, string UserId, string? DeviceId, string SecretHash, DateTimeOffset? RevokedAt);

/// <summary>Looks up API keys; implemented by the service that owns the key table.</summary>
public interface IApiKeyStore
{
    /// <summary>The key with this id, or null.</summary>
    Task<StoredApiKey?> FindAsync(string keyId, CancellationToken cancellationToken);
}
