using VitaSense.Devices.Model;

namespace VitaSense.Devices.Integrations;

/// <summary>
/// Where a session's credentials are stored (a device's row or a user's integration connection). A refresh runs
/// under the stored row's lock: if another sync refreshed meanwhile (vendors rotate single-use refresh tokens),
/// its tokens are taken instead of refreshing twice.
/// </summary>
public interface ICredentialRefresher
{
    /// <summary>
    /// Replaces <paramref name="stale"/>: returns the stored credentials when they differ from it, else calls
    /// <paramref name="refresh"/> with them and stores (encrypted) what it returns.
    /// </summary>
    Task<VendorCredentials> RefreshAsync(VendorCredentials stale, Func<VendorCredentials, CancellationToken, Task<VendorCredentials>> refresh,
        CancellationToken cancellationToken);
}
