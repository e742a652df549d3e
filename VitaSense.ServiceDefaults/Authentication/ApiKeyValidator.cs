using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace VitaSense.ServiceDefaults.Authentication;

/// <summary>Who an API key acts for.</summary>
/// <param name="KeyId">The key's public id.</param>
/// <param name="UserId">Its user.</param>
/// <param name="DeviceId">The device it is limited to, if any.</param>
public sealed record ApiKeyIdentity(string KeyId, string UserId, string? DeviceId);

/// <summary>
/// Validates presented keys against the <see cref="IApiKeyStore"/>. Argon2id is deliberately slow (tens of
/// milliseconds), so a verified key is remembered, by a SHA-256 of the whole key, for
/// <c>Authentication:ApiKeys:CacheSeconds</c> (default 30): a revocation takes effect on other replicas
/// within that time, and at once on the replica that revoked it.
/// </summary>
public sealed class ApiKeyValidator(IServiceProvider services, IConfiguration configuration, TimeProvider time)
{
    private const int MaxCachedKeys = 100_000;
    private readonly ConcurrentDictionary<string, (ApiKeyIdentity? Identity, DateTimeOffset Expires)> cache = new();
    private readonly TimeSpan cacheLifetime = TimeSpan.FromSeconds(configuration.GetValue("Authentication:ApiKeys:CacheSeconds", 30));

    /// <summary>Whether this service takes API keys at all (it registered an <see cref="IApiKeyStore"/>).</summary>
    public bool AcceptsKeys => services.GetService<IApiKeyStore>() is not null;

    /// <summary>The identity behind a key, or null when the key is unknown, malformed, wrong or revoked.</summary>
    public async ValueTask<ApiKeyIdentity?> ValidateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeySecret.TryParse(presented, out var key))
        {
            return null;
        }

        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
        var now = time.GetUtcNow();
        if (cache.TryGetValue(fingerprint, out var cached) && cached.Expires > now)
        {
            return cached.Identity;
        }

        var store = services.GetService<IApiKeyStore>();
        var stored = store is null ? null : await store.FindAsync(key.KeyId, cancellationToken);
        ApiKeyIdentity? identity = null;
        if (stored is { RevokedAt: null } && ApiKeyHasher.Verify(key.Secret, stored.SecretHash))
        {
            identity = new ApiKeyIdentity(stored.KeyId, stored.UserId, stored.DeviceId);
        }

        Remember(fingerprint, identity, now);
        return identity;
    }

    /// <summary>
    /// Bounds the cache without ever dropping valid keys wholesale: a flood of made-up keys must not force every
    /// real device back through Argon2 at once. Expired entries go first; when still full, failures are not kept.
    /// </summary>
    private void Remember(string fingerprint, ApiKeyIdentity? identity, DateTimeOffset now)
    {
        if (cache.Count >= MaxCachedKeys)
        {
            foreach (var (key, entry) in cache)
            {
                if (entry.Expires <= now)
                {
                    cache.TryRemove(key, out _);
                }
            }

            if (cache.Count >= MaxCachedKeys && identity is null)
            {
                return;
            }
        }

        cache[fingerprint] = (identity, now + cacheLifetime);
    }

    /// <summary>Forgets every cached verification of a key, after it was revoked here.</summary>
    public void Invalidate(string keyId)
    {
        foreach (var (fingerprint, entry) in cache)
        {
            if (entry.Identity?.KeyId == keyId)
            {
                cache.TryRemove(fingerprint, out _);
            }
        }
    }
}
