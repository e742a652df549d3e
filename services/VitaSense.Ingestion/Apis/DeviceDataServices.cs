using Microsoft.Extensions.Options;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Infrastructure.RawIngestions;
using VitaSense.Ingestion.Model.DeviceData;
using VitaSense.Ingestion.Services;
using VitaSense.Ingestion.Services.Devices;

namespace VitaSense.Ingestion.Apis;

/// <summary>What the device data endpoints need, bundled for <c>[AsParameters]</c>.</summary>
/// <param name="Owners">The device → owner map every request is checked against.</param>
/// <param name="Ingestor">Stores uploads.</param>
/// <param name="Store">Reads and deletes readings.</param>
/// <param name="RawStore">The audit log, for deletions.</param>
/// <param name="Options">Device data settings.</param>
/// <param name="Usage">API key last-use recording.</param>
public sealed record DeviceDataServices(
    DeviceOwnerStore Owners,
    DeviceDataIngestor Ingestor,
    DeviceDataStore Store,
    RawIngestionStore RawStore,
    IOptions<DeviceDataOptions> Options,
    ApiKeyUsageRecorder Usage);
