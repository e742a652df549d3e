using Npgsql;
using VitaSense.Ingestion.Model;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.Ingestion.Infrastructure;

/// <summary>
/// The platform's API keys, table <c>ingestion.api_keys</c>. Implements <see cref="IApiKeyStore"/> for the shared
/// <see cref="ApiKeyValidator"/>; secrets are stored only as Argon2id hashes.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource) : IApiKeyStore
{
    /// <inheritdoc />
    public async Task<StoredApiKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT key_id, user_id, device_id, secret_hash, revoked_at FROM ingestion.api_keys WHERE key_id = @id");
        command.Parameters.AddWithValue("id", keyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredApiKey(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetDateTime(4)))
            : null;
    }

    /// <summary>Creates a key for <paramref name="userId"/>; the returned value holds the only copy of the secret.</summary>
    public async Task<CreatedApiKey> CreateAsync(string userId, string name, string? deviceId, CancellationToken cancellationToken)
    {
        var secret = ApiKeySecret.Generate();
        var hash = ApiKeyHasher.Hash(secret.Secret);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO ingestion.api_keys (key_id, user_id, device_id, name, secret_hash)
            VALUES (@id, @user, @device, @name, @hash)
            RETURNING created_at
            """);
        command.Parameters.AddWithValue("id", secret.KeyId);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("device", (object?)deviceId ?? DBNull.Value);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("hash", hash);
        var createdAt = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new CreatedApiKey(secret.KeyId, secret.Value, name, deviceId, userId, createdAt);
    }

    /// <summary>The user's keys, newest first, without secrets or hashes.</summary>
    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT key_id, name, device_id, user_id, created_at, revoked_at, last_used_at
            FROM ingestion.api_keys WHERE user_id = @user ORDER BY created_at DESC, key_id
            """);
        command.Parameters.AddWithValue("user", userId);
        var keys = new List<ApiKeySummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKeySummary(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetDateTime(4), reader.IsDBNull(5) ? null : reader.GetDateTime(5), reader.IsDBNull(6) ? null : reader.GetDateTime(6)));
        }
        return keys;
    }

    /// <summary>Revokes one of the user's keys (again is fine); false when the user has no such key.</summary>
    public async Task<bool> RevokeAsync(string userId, string keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE ingestion.api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE key_id = @id AND user_id = @user");
        command.Parameters.AddWithValue("id", keyId);
        command.Parameters.AddWithValue("user", userId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Records that a key authenticated a request.</summary>
    public async Task TouchAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE ingestion.api_keys SET last_used_at = now() WHERE key_id = @id");
        command.Parameters.AddWithValue("id", keyId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
