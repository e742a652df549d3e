using Npgsql;
using NpgsqlTypes;
using VitaSense.Devices.Infrastructure.Security;
using VitaSense.Devices.Integrations;
using VitaSense.Devices.Model;

namespace VitaSense.Devices.Infrastructure;

/// <summary>
/// A user's connections to vendor accounts in <c>devices.integration_connections</c>: OAuth tokens encrypted with
/// <see cref="CredentialProtector"/> bound to <c>"{user_id}:{vendor}"</c>.
/// </summary>
public sealed class IntegrationConnectionStore(NpgsqlDataSource dataSource, CredentialProtector protector)
{
    private readonly NpgsqlDataSource dataSource = dataSource;
    private readonly CredentialProtector protector = protector;

    /// <summary>The protector's owner string of a connection.</summary>
    public static string Owner(string userId, string vendor) => $"{userId}:{vendor}";

    /// <summary>Stores (or replaces) the user's tokens for <paramref name="vendor"/>.</summary>
    public async Task SaveAsync(string userId, string vendor, VendorCredentials credentials, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO devices.integration_connections (user_id, vendor, credentials, vendor_user_id, scope, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (user_id, vendor) DO UPDATE
                SET credentials = EXCLUDED.credentials, vendor_user_id = EXCLUDED.vendor_user_id, scope = EXCLUDED.scope,
                    expires_at = EXCLUDED.expires_at, connected_at = now(), updated_at = now()
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = vendor });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = protector.Protect(credentials, Owner(userId, vendor)) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)credentials.VendorUserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)credentials.Scope ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)credentials.ExpiresAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The user's tokens for <paramref name="vendor"/>, or null when not connected.</summary>
    public async Task<VendorCredentials?> FindAsync(string userId, string vendor, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT credentials FROM devices.integration_connections WHERE user_id = $1 AND vendor = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = vendor });
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] stored ? protector.Unprotect(stored, Owner(userId, vendor)) : null;
    }

    /// <summary>Deletes the user's tokens for <paramref name="vendor"/>; false when there were none.</summary>
    public async Task<bool> DeleteAsync(string userId, string vendor, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM devices.integration_connections WHERE user_id = $1 AND vendor = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = vendor });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>The vendors the user is connected to.</summary>
    public async Task<IReadOnlySet<string>> ConnectedAsync(string userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT vendor FROM devices.integration_connections WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        var vendors = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            vendors.Add(reader.GetString(0));
        }
        return vendors;
    }

    /// <summary>The VitaSense user whose connection to <paramref name="vendor"/> has the vendor's user id <paramref name="vendorUserId"/>.</summary>
    public async Task<string?> FindUserAsync(string vendor, string vendorUserId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT user_id FROM devices.integration_connections WHERE vendor = $1 AND vendor_user_id = $2 ORDER BY connected_at DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = vendor });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = vendorUserId });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Refreshes the connection's tokens under its row lock (see <see cref="ICredentialRefresher"/>).</summary>
    public ICredentialRefresher Refresher(string userId, string vendor) => new IntegrationCredentialRefresh(dataSource, protector, Owner(userId, vendor),
        async (connection, transaction, cancellationToken) =>
        {
            await using var select = new NpgsqlCommand(
                "SELECT credentials FROM devices.integration_connections WHERE user_id = $1 AND vendor = $2 FOR UPDATE", connection, transaction);
            select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = vendor });
            return await select.ExecuteScalarAsync(cancellationToken) as byte[];
        },
        async (connection, transaction, protectedValue, fresh, cancellationToken) =>
        {
            await using var update = new NpgsqlCommand("""
                UPDATE devices.integration_connections SET credentials = $3, expires_at = $4, updated_at = now()
                WHERE user_id = $1 AND vendor = $2
                """, connection, transaction);
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = vendor });
            update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = protectedValue });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)fresh.ExpiresAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await update.ExecuteNonQueryAsync(cancellationToken);
        },
        vendor);
}
