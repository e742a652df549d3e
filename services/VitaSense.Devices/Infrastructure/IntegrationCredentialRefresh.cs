using Npgsql;
using VitaSense.Devices.Infrastructure.Security;
using VitaSense.Devices.Integrations;
using VitaSense.Devices.Model;

namespace VitaSense.Devices.Infrastructure;

/// <summary>
/// The shared shape of a credential refresh (<see cref="ICredentialRefresher"/>) wherever the credentials are stored:
/// lock the row, take the stored credentials if another sync refreshed them meanwhile (vendors rotate single-use
/// refresh tokens), else refresh, encrypt and store the new ones, all in one transaction.
/// </summary>
internal sealed class IntegrationCredentialRefresh(
    NpgsqlDataSource dataSource,
    CredentialProtector protector,
    string owner,
    Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<byte[]?>> selectForUpdate,
    Func<NpgsqlConnection, NpgsqlTransaction, byte[], VendorCredentials, CancellationToken, Task> save,
    string vendor) : ICredentialRefresher
{
    public async Task<VendorCredentials> RefreshAsync(VendorCredentials stale, Func<VendorCredentials, CancellationToken, Task<VendorCredentials>> refresh,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await selectForUpdate(connection, transaction, cancellationToken)
            ?? throw new VendorException(vendor, VendorErrorKind.NotConnected, $"The {vendor} credentials were removed.");
        var current = protector.Unprotect(stored, owner);
        if (current.AccessToken != stale.AccessToken)
        {
            return current;
        }
        var fresh = await refresh(current, cancellationToken);
        await save(connection, transaction, protector.Protect(fresh, owner), fresh, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return fresh;
    }
}
