using Microsoft.Extensions.Options;
using VitaSense.Ingestion.Infrastructure.RawIngestions;
using VitaSense.Ingestion.Model.Sync;
using VitaSense.Ingestion.Services;
using VitaSense.Ingestion.Services.Sync;

namespace VitaSense.Ingestion.Apis;

/// <summary>What the sync endpoints need, bundled for <c>[AsParameters]</c>.</summary>
/// <param name="Ingestor">The streaming Health Auto Export ingestion.</param>
/// <param name="RawStore">The raw backup, for replays.</param>
/// <param name="ByteBudget">Bytes per hour per caller.</param>
/// <param name="Options">Sync settings.</param>
/// <param name="Usage">API key last-use recording.</param>
public sealed record SyncServices(
    HealthExportIngestor Ingestor,
    RawIngestionStore RawStore,
    SyncByteBudget ByteBudget,
    IOptions<SyncOptions> Options,
    ApiKeyUsageRecorder Usage);
