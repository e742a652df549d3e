using Microsoft.Extensions.Options;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Infrastructure.RawIngestions;
using VitaSense.Ingestion.Model.DeviceData;
using VitaSense.Ingestion.Services.Devices;

namespace VitaSense.Ingestion.Apis;

/// <summary>What the device data endpoints need, bundled for <c>[AsParameters]</c>; the owner check is the group's filter.</summary>
/// <param name="Ingestor">Stores uploads.</param>
/// <param name="Store">Reads and deletes readings.</param>
/// <param name="RawStore">The audit log, for deletions.</param>
/// <param name="Options">Device data settings.</param>
public sealed record DeviceDataServices(
    DeviceDataIngestor Ingestor,
    DeviceDataStore Store,
    RawIngestionStore RawStore,
    IOptions<DeviceDataOptions> Options);
