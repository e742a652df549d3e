using VitaSense.Devices.Infrastructure;
using VitaSense.Devices.Integrations;
using VitaSense.Devices.Services.Sync;

namespace VitaSense.Devices.Integrations.Api;

/// <summary>Dependencies of the integrations endpoints.</summary>
public sealed record IntegrationServices(
    ConnectorCatalog Catalog,
    OAuthTokenClient Tokens,
    IntegrationConnectionStore Connections,
    SyncSessionFactory Sessions,
    DeviceSyncStore Devices,
    ILogger<IntegrationServices> Logger);
