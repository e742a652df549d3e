using Microsoft.Extensions.Options;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Model;
using VitaSense.Ingestion.Services;

namespace VitaSense.Ingestion.Apis;

/// <summary>What the device-status endpoints need, bundled for <c>[AsParameters]</c>.</summary>
/// <param name="Queue">The group-commit write queue.</param>
/// <param name="Store">PostgreSQL reads.</param>
/// <param name="Cache">Redis latest-status cache.</param>
/// <param name="Options">Device-status settings.</param>
/// <param name="Time">The clock (timestamps in the future are refused).</param>
/// <param name="Usage">API key last-use recording.</param>
public sealed record DeviceStatusServices(
    DeviceStatusWriteQueue Queue,
    DeviceStatusStore Store,
    LatestStatusCache Cache,
    IOptions<DeviceStatusOptions> Options,
    TimeProvider Time,
    ApiKeyUsageRecorder Usage);
