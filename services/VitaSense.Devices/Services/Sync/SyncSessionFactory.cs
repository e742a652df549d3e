using Microsoft.Extensions.Options;
using VitaSense.Devices.Infrastructure;
using VitaSense.Devices.Integrations;
using VitaSense.Devices.Model;

namespace VitaSense.Devices.Services.Sync;

/// <summary>Builds <see cref="VendorSession"/>s from stored credentials: a device's own, else its owner's connection.</summary>
public sealed class SyncSessionFactory(
    DeviceSyncStore devices,
    IntegrationConnectionStore connections,
    OAuthTokenClient tokens,
    VendorHttp http,
    IOptions<IntegrationOptions> options,
    TimeProvider time,
    ILoggerFactory loggers)
{
    /// <summary>A session with the user's connection to the connector's vendor; null when not connected.</summary>
    public async Task<VendorSession?> ForUserAsync(IVendorConnector connector, VendorEndpoint endpoint, string userId, CancellationToken cancellationToken) =>
        await connections.FindAsync(userId, connector.Type, cancellationToken) is { } credentials
            ? Create(connector, endpoint, credentials, connections.Refresher(userId, connector.Type))
            : null;

    /// <summary>A session for the device: its own credentials when it has some, else its owner's connection; null when neither.</summary>
    public async Task<VendorSession?> ForDeviceAsync(IVendorConnector connector, VendorEndpoint endpoint, SyncDevice device, CancellationToken cancellationToken) =>
        device.Credentials is { Length: > 0 }
            ? Create(connector, endpoint, devices.Unprotect(device), devices.Refresher(device.DeviceId, connector.Type))
            : await ForUserAsync(connector, endpoint, device.UserId, cancellationToken);

    /// <summary>A session with explicit credentials.</summary>
    public VendorSession Create(IVendorConnector connector, VendorEndpoint endpoint, VendorCredentials credentials, ICredentialRefresher refresher) =>
        new(connector, endpoint, credentials, refresher, tokens, http, options, time, loggers.CreateLogger($"VitaSense.Devices.Integrations.{connector.DisplayName}"));
}
